import NeuralNet

/// The LSTM one token at a time on float16 copies of its weights (`HalfMatrix`): the step's time is the time to
/// read them, and float16 halves the bytes. This is generation's step (`ModelFactory.stepper`); `LSTMStepper`
/// keeps the float32 weights, as the reference the tests compare it with.
///
/// Per step, one run of `Parallel.team` (when the weights are large enough to pay for it): each member makes its
/// panels of every gate's product and runs the cells of those units, then all meet before the next layer and
/// before the head. The first layer's input part is a row of a [V, 4H] table, E·W_ihᵀ + biases made once in
/// float32, where that table is small (`tableLimit`), so a step reads only the recurrent and head weights.
/// A unit is always computed by the same code in the same order, so the logits do not depend on the threads.
public final class HalfLSTMStepper: Stepper {
    public let kernel: HalfKernel
    public let vocabularySize: Int
    /// Whether the first layer's input part is the token table.
    public let usesTokenTable: Bool
    /// Whether steps split over `Parallel.team`.
    public let splits: Bool
    /// The float16 bytes one step reads (the weights of every product).
    public let bytesPerStep: Int

    /// Token tables up to this many bytes (the default model's: 3.2 MB).
    public static let tableLimit = 16 << 20
    /// Steps whose products read fewer bytes run on the calling thread: a meeting of the team costs more.
    public static let defaultSplitBytes = 1 << 20

    private let H: Int, P: Int, Hp: Int
    private let model: LSTMModel
    /// Per layer: the gate weights [W_ih | W_hh] (only W_hh for a table-fed first layer), gate q's rows at
    /// q·Hp (the hidden size rounded up to a panel, so that a panel never spans two gates).
    private let weights: [HalfMatrix]
    private let head: HalfMatrix
    /// Per layer: the columns of its input part (0 for a table-fed first layer).
    private let inputColumns: [Int]
    /// Per layer: summed biases [4·Hp]; with a table, row v: E[v]·W_ihᵀ + the first layer's biases [V, 4·Hp].
    private let biases: [Buffer], table: Buffer?
    /// Per layer, two input vectors [x; h] used in turn: a step reads one and writes the new h into the other,
    /// so no member overwrites an h another member is still reading.
    private let vectors: [[Buffer]], cells: [Buffer]
    private let gates: Buffer, logits: Buffer, headBias: Buffer
    private var turn = 0

    /// A stepper on `model` running `kernel` (which must run on this CPU), split over the team when a step reads at
    /// least `splitBytes`, with a token table if it takes at most `tableBytes`.
    public init(_ model: LSTMModel, kernel: HalfKernel = .best, splitBytes: Int = defaultSplitBytes,
                tableBytes: Int = tableLimit) {
        precondition(kernel.isAvailable, "the \(kernel) kernel does not run on this CPU")
        self.model = model
        self.kernel = kernel
        H = model.hyper.hidden
        P = (H + 15) / 16
        Hp = P * 16
        vocabularySize = model.vocabularySize
        let V = vocabularySize, E = model.hyper.embed, H = H, Hp = Hp
        usesTokenTable = V * 4 * Hp * 4 <= tableBytes
        var weights: [HalfMatrix] = [], inputColumns: [Int] = [], biases: [Buffer] = [], vectors: [[Buffer]] = []
        for (k, layer) in model.layers.enumerated() {
            let n = k == 0 && usesTokenTable ? 0 : layer.inputs
            let wih = layer.weightIH.value, whh = layer.weightHH.value, inputs = layer.inputs
            weights.append(HalfMatrix(rows: 4 * Hp, columns: n + H) { r, c in
                let (q, u) = r.quotientAndRemainder(dividingBy: Hp)
                guard u < H else { return 0 }
                return c < n ? wih[(q * H + u) * inputs + c] : whh[(q * H + u) * H + c - n]
            })
            inputColumns.append(n)
            let b = Buffer(4 * Hp)
            for q in 0..<4 {
                for u in 0..<H { b[q * Hp + u] = layer.biasIH.value[q * H + u] + layer.biasHH.value[q * H + u] }
            }
            biases.append(b)
            vectors.append([Buffer(n + H), Buffer(n + H)])
        }
        if usesTokenTable {
            let first = model.layers[0], t = Buffer(V * 4 * Hp)
            for v in 0..<V { (t.pointer + v * 4 * Hp).update(from: biases[0].pointer, count: 4 * Hp) }
            for q in 0..<4 {
                BLAS.gemm(false, true, m: V, n: H, k: E, model.embedding.weight.value, lda: E,
                          first.weightIH.value + q * H * E, ldb: E, beta: 1, t.pointer + q * Hp, ldc: 4 * Hp)
            }
            table = t
        } else {
            table = nil
        }
        let headWeight = model.head.weight.value
        head = HalfMatrix(rows: V, columns: H) { r, c in headWeight[r * H + c] }
        headBias = Buffer(head.panels * 16)
        headBias.pointer.update(from: model.head.bias.value, count: V)
        self.weights = weights
        self.inputColumns = inputColumns
        self.biases = biases
        self.vectors = vectors
        cells = model.layers.map { _ in Buffer(Hp) }
        gates = Buffer(4 * Hp)
        logits = Buffer(head.panels * 16)
        bytesPerStep = weights.reduce(head.bytes) { $0 + $1.bytes }
        splits = bytesPerStep >= splitBytes
    }

    public func reset() {
        for pair in vectors { for v in pair { v.zero() } }
        for c in cells { c.zero() }
        turn = 0
    }

    public func step(_ token: Int) -> UnsafePointer<Float> {
        let now = turn, next = 1 - turn
        turn = next
        if !usesTokenTable {
            let E = model.hyper.embed
            vectors[0][now].pointer.update(from: model.embedding.weight.value + token * E, count: E)
        }
        let work = { (member: Team.Member) in self.step(token, now: now, next: next, member: member) }
        if splits { Parallel.team.run(work) } else { work(Team.Member(index: 0, count: 1)) }
        return UnsafePointer(logits.pointer)
    }

    /// One member's part of a step: its panels of each gate and of the head, and its units' cells.
    private func step(_ token: Int, now: Int, next: Int, member: Team.Member) {
        let mine = member.share(of: P), g = gates.pointer, L = weights.count
        for k in 0..<L {
            let x = UnsafePointer(vectors[k][now].pointer)
            for q in 0..<4 {
                weights[k].multiply(panels: q * P + mine.lowerBound..<q * P + mine.upperBound, x, into: g, kernel: kernel)
            }
            let addend = k == 0 && usesTokenTable ? UnsafePointer(table!.pointer + token * 4 * Hp) : UnsafePointer(biases[k].pointer)
            let c = cells[k].pointer
            // The new h goes where the next step reads it (this layer's other vector, after its input part) and
            // where the layer above reads its input now.
            let hNext = vectors[k][next].pointer + inputColumns[k]
            let above = k + 1 < L ? vectors[k + 1][now].pointer : nil
            Lanes.groups(mine.lowerBound * 16..<min(H, mine.upperBound * 16)) { j, n in
                let (cell, _, h) = LSTMCell.forward(g, adding: addend, hidden: Hp, j, n, previousCell: Lanes(c + j, count: n))
                cell.store(to: c + j, count: n)
                h.store(to: hNext + j, count: n)
                if let above { h.store(to: above + j, count: n) }
            }
            member.wait()
        }
        let last = UnsafePointer(vectors[L - 1][next].pointer + inputColumns[L - 1])
        let panels = member.share(of: head.panels)
        (logits.pointer + panels.lowerBound * 16).update(from: headBias.pointer + panels.lowerBound * 16, count: panels.count * 16)
        head.multiply(panels: panels, last, into: logits.pointer, accumulate: true, kernel: kernel)
    }
}
