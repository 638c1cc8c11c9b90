import NeuralNet

/// A model's generation face: feed one token, get the next token's logits, in O(1) per step.
public protocol Stepper: AnyObject {
    var vocabularySize: Int { get }
    /// Back to the state before any token (a new piece).
    func reset()
    /// Feeds `token` and returns the logits of the next token (valid until the next call).
    func step(_ token: Int) -> UnsafePointer<Float>
}

/// The weights a generation step reads: float16 copies (generation's, half the bytes to read), or the model's own
/// float32 (the reference the float16 step is checked against, and the "before" of `yamg bench generate`).
public enum StepPrecision: String, CaseIterable, Sendable {
    case float16, float32
}

extension ModelFactory {
    /// The model's generation step. Every generation (generate, perform) uses the default: the float16 LSTM step
    /// on the fastest kernel of this CPU. The seed network has one step whatever the precision.
    public static func stepper(for model: LanguageModel, precision: StepPrecision = .float16,
                               kernel: HalfKernel = .best) -> Stepper {
        switch (model, precision) {
        case (let lstm as LSTMModel, .float16): HalfLSTMStepper(lstm, kernel: kernel)
        case (let lstm as LSTMModel, .float32): LSTMStepper(lstm)
        case (let seed as SeedModel, _): SeedStepper(seed)
        default: preconditionFailure("no stepper for \(type(of: model))")
        }
    }
}

/// The LSTM one token at a time on its float32 weights: per layer, two matrix-vector products (the input and the
/// recurrent part; every weight read once) and the cells, then the head's product.
final class LSTMStepper: Stepper {
    let model: LSTMModel
    let H: Int, V: Int
    /// Per layer: summed biases, the [x; h] input vector, the cell state. The weights are the model's own: two
    /// matrix-vector products read the same bytes a packed copy would, and a copy would double the model's memory.
    private var biases: [Buffer] = [], inputs: [Buffer] = [], cells: [Buffer] = []
    private let gates: Buffer, logits: Buffer

    init(_ model: LSTMModel) {
        self.model = model
        H = model.hyper.hidden
        V = model.vocabularySize
        for layer in model.layers {
            let n = layer.inputs + H
            let b = Buffer(4 * H)
            for r in 0..<4 * H { b[r] = layer.biasIH.value[r] + layer.biasHH.value[r] }
            biases.append(b)
            inputs.append(Buffer(n))
            cells.append(Buffer(H))
        }
        gates = Buffer(4 * H)
        logits = Buffer(V)
    }

    var vocabularySize: Int { V }

    func reset() {
        for b in inputs { b.zero() }
        for c in cells { c.zero() }
    }

    func step(_ token: Int) -> UnsafePointer<Float> {
        let E = model.hyper.embed
        inputs[0].pointer.update(from: model.embedding.weight.value + token * E, count: E)
        for (k, layer) in model.layers.enumerated() {
            let x = inputs[k].pointer, c = cells[k].pointer
            BLAS.gemv(false, m: 4 * H, n: layer.inputs, layer.weightIH.value, lda: layer.inputs, x, beta: 0, gates.pointer)
            BLAS.gemv(false, m: 4 * H, n: H, layer.weightHH.value, lda: H, x + layer.inputs, beta: 1, gates.pointer)
            // The new h goes where the next step reads it (this layer's input tail) and where the layer
            // above reads its input (the next layer's input head, or the head's input for the last layer).
            let hOut = x + layer.inputs
            let g = gates.pointer, bias = UnsafePointer(biases[k].pointer)
            Lanes.groups(0..<H) { j, n in
                let (cell, _, h) = LSTMCell.forward(g, adding: bias, hidden: H, j, n, previousCell: Lanes(c + j, count: n))
                cell.store(to: c + j, count: n)
                h.store(to: hOut + j, count: n)
            }
            if k + 1 < model.layers.count { inputs[k + 1].pointer.update(from: hOut, count: H) }
        }
        let last = inputs[model.layers.count - 1].pointer + model.layers.last!.inputs
        logits.pointer.update(from: model.head.bias.value, count: V)
        BLAS.gemv(false, m: V, n: H, model.head.weight.value, lda: H, last, beta: 1, logits.pointer)
        return UnsafePointer(logits.pointer)
    }
}

/// The seed network one token at a time: a sliding window of the last `seqLen` tokens.
final class SeedStepper: Stepper {
    let model: SeedModel
    /// The last `seqLen` tokens; -1 before the first.
    private var window: [Int32]

    init(_ model: SeedModel) {
        self.model = model
        window = Array(repeating: -1, count: model.hyper.seqLen)
    }

    var vocabularySize: Int { model.vocabularySize }

    func reset() {
        window = Array(repeating: -1, count: model.hyper.seqLen)
    }

    func step(_ token: Int) -> UnsafePointer<Float> {
        // Before the window is full, it is padded with the first token seen (a piece start, usually).
        if window[0] == -1 {
            window = Array(repeating: Int32(token), count: model.hyper.seqLen)
        } else {
            window.removeFirst()
            window.append(Int32(token))
        }
        return window.withUnsafeBufferPointer { model.logits(window: $0.baseAddress!) }
    }
}
