import NeuralNet

/// Embedding(V, E) → LSTM(H) × layers (dropout between layers) → Linear(H, V), trained on sequences of
/// `seqLen` tokens predicting each next token. Tensor names are those of `torch.nn.Embedding`,
/// `torch.nn.LSTM` (as `lstm`) and `torch.nn.Linear` (as `head`).
public final class LSTMModel: LanguageModel {
    public let hyper: Hyperparameters
    public let vocabularySize: Int
    let embedding: Embedding
    let layers: [LSTMLayer]
    let dropouts: [Dropout]
    let head: Linear
    private let inputs: UnsafeMutablePointer<Int32>, targets: UnsafeMutablePointer<Int32>
    private let maxRows: Int

    public init(_ hyper: Hyperparameters, vocabularySize: Int) {
        self.hyper = hyper
        self.vocabularySize = vocabularySize
        let T = hyper.seqLen, B = hyper.batch
        maxRows = T * B
        embedding = Embedding(vocabulary: vocabularySize, dim: hyper.embed, maxRows: maxRows)
        let rows = T * B
        layers = (0..<hyper.layers).map {
            LSTMLayer(inputs: $0 == 0 ? hyper.embed : hyper.hidden, hidden: hyper.hidden, maxSteps: T, maxBatch: B, layer: $0)
        }
        dropouts = (0..<max(0, hyper.layers - 1)).map { _ in Dropout(hyper.dropout, maxCount: rows * hyper.hidden) }
        head = Linear(hyper.hidden, vocabularySize, maxRows: maxRows, name: "head")
        inputs = .allocate(capacity: maxRows)
        targets = .allocate(capacity: maxRows)
    }

    deinit {
        inputs.deallocate()
        targets.deallocate()
    }

    public var parameters: [Parameter] { [embedding.weight] + layers.flatMap(\.parameters) + head.parameters }
    public var positionsPerBatch: Int { hyper.seqLen * hyper.batch }
    public var rowLength: Int { hyper.seqLen + 1 }

    public func initialize(rng: inout RNG) {
        embedding.weight.initNormal(rng: &rng)
        for l in layers { l.initialize(rng: &rng) }
        head.initialize(rng: &rng)
    }

    public func run(rows: UnsafePointer<Int32>, count batch: Int, training: Bool, rng: inout RNG) -> SoftmaxCrossEntropy.Result {
        let T = hyper.seqLen, H = hyper.hidden
        // Rows are sequences; the LSTM runs time-major, so position (b, t) goes to row t·B + b.
        for b in 0..<batch {
            let row = rows + b * (T + 1)
            for t in 0..<T {
                inputs[t * batch + b] = row[t]
                targets[t * batch + b] = row[t + 1]
            }
        }
        let n = T * batch
        // With few token kinds the first layer goes through the vocabulary (see LSTM+Embedding.swift).
        let throughVocabulary = LSTMLayer.prefersVocabulary(vocabularySize, rows: n)
        if !throughVocabulary { embedding.forward(inputs, rows: n) }
        var x = UnsafePointer(embedding.output.pointer)
        for (k, layer) in layers.enumerated() {
            if k == 0 && throughVocabulary {
                layer.forward(tokens: inputs, embedding: embedding, steps: T, batch: batch)
            } else {
                layer.forward(x, steps: T, batch: batch)
            }
            x = UnsafePointer(layer.output.pointer)
            if k < dropouts.count {
                dropouts[k].forward(x, count: n * H, training: training, rng: &rng)
                x = UnsafePointer(dropouts[k].output.pointer)
            }
        }
        head.forward(x, rows: n)
        let result = SoftmaxCrossEntropy.forwardBackward(head.output.pointer, targets: targets, rows: n,
                                                         classes: vocabularySize, gradient: training)
        guard training else { return result }
        head.backward(head.output.pointer, rows: n)
        var dy = UnsafePointer(head.inputGrad.pointer)
        for k in stride(from: layers.count - 1, through: 0, by: -1) {
            if k < dropouts.count {
                dropouts[k].backward(dy, count: n * H)
                dy = UnsafePointer(dropouts[k].inputGrad.pointer)
            }
            if k == 0 && throughVocabulary {
                layers[0].backward(dy, tokens: inputs, embedding: embedding)
            } else {
                layers[k].backward(dy)
                dy = UnsafePointer(layers[k].inputGrad.pointer)
            }
        }
        if !throughVocabulary { embedding.backward(dy, rows: n) }
        return result
    }
}
