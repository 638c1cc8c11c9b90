import NeuralNet

/// The original network, exactly: a window of 40 ids → Conv1D(64, kernel 4, valid) + hard_sigmoid →
/// flatten → Dense(128) + LeakyReLU(0.3) → Dense(256) + x·hard_sigmoid(x) → Dropout(0.2) → Dense(V).
/// Ids enter through an embedding (`seedInput: .embedding`) or, as the original did, as magnitudes.
/// Flattening follows PyTorch's order ([B, filters, positions]), so the weights map onto torch layers.
public final class SeedModel: LanguageModel {
    public let hyper: Hyperparameters
    public let vocabularySize: Int
    let embedding: Embedding?
    let conv: Conv1D
    let convActivation: ActivationLayer
    let dense1: Linear, act1: ActivationLayer
    let dense2: Linear, act2: ActivationLayer
    let dropout: Dropout
    let head: Linear
    private let ids: UnsafeMutablePointer<Int32>, targets: UnsafeMutablePointer<Int32>
    private let magnitudes: Buffer, flat: Buffer, flatGrad: Buffer

    public static let filters = 64, kernel = 4

    public init(_ hyper: Hyperparameters, vocabularySize: Int) {
        self.hyper = hyper
        self.vocabularySize = vocabularySize
        let B = hyper.batch, W = hyper.seqLen
        let channels = hyper.seedInput == .embedding ? hyper.embed : 1
        embedding = hyper.seedInput == .embedding ? Embedding(vocabulary: vocabularySize, dim: hyper.embed, maxRows: B * W) : nil
        conv = Conv1D(channels: channels, filters: Self.filters, kernel: Self.kernel, length: W, maxBatch: B, name: "conv")
        let flatWidth = Self.filters * conv.outLength
        convActivation = ActivationLayer(.hardSigmoid, maxCount: B * flatWidth)
        dense1 = Linear(flatWidth, 128, maxRows: B, name: "dense1")
        act1 = ActivationLayer(.leakyReLU, maxCount: B * 128)
        dense2 = Linear(128, 256, maxRows: B, name: "dense2")
        act2 = ActivationLayer(.xHardSigmoid, maxCount: B * 256)
        dropout = Dropout(hyper.dropout, maxCount: B * 256)
        head = Linear(256, vocabularySize, maxRows: B, name: "head")
        ids = .allocate(capacity: B * W)
        targets = .allocate(capacity: B)
        magnitudes = Buffer(B * W)
        flat = Buffer(B * flatWidth)
        flatGrad = Buffer(B * flatWidth)
    }

    deinit {
        ids.deallocate()
        targets.deallocate()
    }

    public var parameters: [Parameter] {
        (embedding.map { [$0.weight] } ?? []) + conv.parameters + dense1.parameters + dense2.parameters + head.parameters
    }
    public var positionsPerBatch: Int { hyper.batch }
    public var rowLength: Int { hyper.seqLen + 1 }

    public func initialize(rng: inout RNG) {
        embedding?.weight.initNormal(rng: &rng)
        conv.initialize(rng: &rng)
        for l in [dense1, dense2, head] { l.initialize(rng: &rng) }
    }

    public func run(rows: UnsafePointer<Int32>, count batch: Int, training: Bool, rng: inout RNG) -> SoftmaxCrossEntropy.Result {
        let W = hyper.seqLen, P = conv.outLength, F = Self.filters
        for b in 0..<batch {
            for t in 0..<W { ids[b * W + t] = rows[b * (W + 1) + t] }
            targets[b] = rows[b * (W + 1) + W]
        }
        forward(batch: batch, training: training, rng: &rng)
        let result = SoftmaxCrossEntropy.forwardBackward(head.output.pointer, targets: targets, rows: batch,
                                                         classes: vocabularySize, gradient: training)
        guard training else { return result }
        head.backward(head.output.pointer, rows: batch)
        dropout.backward(head.inputGrad.pointer, count: batch * 256)
        act2.backward(dropout.inputGrad.pointer, count: batch * 256)
        dense2.backward(act2.inputGrad.pointer, rows: batch)
        act1.backward(dense2.inputGrad.pointer, count: batch * 128)
        dense1.backward(act1.inputGrad.pointer, rows: batch)
        let d = dense1.inputGrad.pointer
        let g = flatGrad.pointer
        Parallel.rows(batch, width: P * F) { share in
            for b in share { for p in 0..<P { for f in 0..<F { g[(b * P + p) * F + f] = d[b * F * P + f * P + p] } } }
        }
        convActivation.backward(flatGrad.pointer, count: batch * P * F)
        let dConv = UnsafePointer(convActivation.inputGrad.pointer)
        if let embedding, throughVocabulary(batch) {
            conv.backward(dConv, tokens: ids, embedding: embedding, batch: batch)
        } else {
            conv.backward(dConv, batch: batch, inputGradient: embedding != nil)
            embedding?.backward(conv.inputGrad.pointer, rows: batch * W)
        }
        return result
    }

    /// The next-token logits after one window of `seqLen` ids (batch 1, no dropout): the generation step.
    public func logits(window: UnsafePointer<Int32>) -> UnsafePointer<Float> {
        ids.update(from: window, count: hyper.seqLen)
        var unused = RNG(seed: 0)
        forward(batch: 1, training: false, rng: &unused)
        return UnsafePointer(head.output.pointer)
    }

    /// With few token kinds the embedded convolution goes through the vocabulary (Conv1D+Embedding.swift).
    private func throughVocabulary(_ batch: Int) -> Bool {
        Conv1D.prefersVocabulary(vocabularySize, windows: batch * conv.outLength)
    }

    /// Input ids (already in `ids`) → logits in `head.output`.
    private func forward(batch: Int, training: Bool, rng: inout RNG) {
        let W = hyper.seqLen, P = conv.outLength, F = Self.filters
        if let embedding, throughVocabulary(batch) {
            conv.forward(tokens: ids, embedding: embedding, batch: batch)
        } else if let embedding {
            embedding.forward(ids, rows: batch * W)
            conv.forward(embedding.output.pointer, batch: batch)
        } else {
            let scale = 1 / Float(max(1, vocabularySize - 1))
            for i in 0..<batch * W { magnitudes[i] = Float(ids[i]) * scale }
            conv.forward(magnitudes.pointer, batch: batch)
        }
        convActivation.forward(conv.output.pointer, count: batch * P * F)
        // [B, positions, filters] → PyTorch's flatten order [B, filters · positions].
        let a = convActivation.output.pointer, flat = flat.pointer
        Parallel.rows(batch, width: P * F) { share in
            for b in share { for p in 0..<P { for f in 0..<F { flat[b * F * P + f * P + p] = a[(b * P + p) * F + f] } } }
        }
        dense1.forward(flat, rows: batch)
        act1.forward(dense1.output.pointer, count: batch * 128)
        dense2.forward(act1.output.pointer, rows: batch)
        act2.forward(dense2.output.pointer, count: batch * 256)
        dropout.forward(act2.output.pointer, count: batch * 256, training: training, rng: &rng)
        head.forward(dropout.output.pointer, rows: batch)
    }
}
