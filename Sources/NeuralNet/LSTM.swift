/// One LSTM layer over a whole sequence, time-major ([T, B, features]), with PyTorch's parameters:
/// weight_ih [4H, in], weight_hh [4H, H], bias_ih and bias_hh [4H], gates in the order i, f, g, o.
///
/// The input part of every gate is one matrix product over all T·B rows; only the recurrent part
/// (B rows per step) is sequential. The time loop runs on every core at once (`Parallel.team`): each
/// member makes its block of a step's small products — on W_hh packed once per pass (`PackedGEMM`), or
/// on one OpenBLAS thread where that kernel cannot run — and runs the cells of its slice of the hidden
/// units, meeting the others at a barrier instead of a thread hand-off per product.
/// Backward runs through the sequence once (back-propagation through time truncated at the sequence:
/// each sequence starts from a zero state) and leaves the weight gradients to large products at the end.
public final class LSTMLayer {
    public let weightIH, weightHH, biasIH, biasHH: Parameter
    public let inputs: Int, hidden: Int
    /// Gate activations after their nonlinearity: [T·B, 4H] (i, f, g, o).
    let gates: Buffer
    /// Cell state c_t and tanh(c_t): [T·B, H].
    let cells: Buffer, cellTanh: Buffer
    /// The layer's output h_t: [T·B, H].
    public let output: Buffer
    /// Gradients of the gate pre-activations and of the input.
    let gateGrad: Buffer
    /// [V, 4H] for the embedding-fed layer (`LSTM+Embedding.swift`), made on first use.
    var tokenGates: Buffer?
    /// W_hh packed for the recurrent products (`PackedGEMM`): its rows for forward, its columns for backward.
    private let packedRows: Buffer, packedColumns: Buffer
    public let inputGrad: Buffer
    private let hiddenGrad: Buffer, cellGrad: Buffer  // carried from step t+1 to t: [B, H]
    /// bias_ih + bias_hh, added in the cell loop; and the bias gradient, the same for both.
    private let bias: Buffer, biasGrad: Buffer
    /// The zero cell state before the first step: [H].
    private let zeroCells: Buffer
    private var input: UnsafePointer<Float>?
    private(set) var steps = 0, batch = 0

    public init(inputs: Int, hidden: Int, maxSteps: Int, maxBatch: Int, layer: Int) {
        self.inputs = inputs
        self.hidden = hidden
        weightIH = Parameter("lstm.weight_ih_l\(layer)", [4 * hidden, inputs])
        weightHH = Parameter("lstm.weight_hh_l\(layer)", [4 * hidden, hidden])
        biasIH = Parameter("lstm.bias_ih_l\(layer)", [4 * hidden])
        biasHH = Parameter("lstm.bias_hh_l\(layer)", [4 * hidden])
        let rows = maxSteps * maxBatch
        gates = Buffer(rows * 4 * hidden)
        cells = Buffer(rows * hidden)
        cellTanh = Buffer(rows * hidden)
        output = Buffer(rows * hidden)
        gateGrad = Buffer(rows * 4 * hidden)
        inputGrad = Buffer(rows * inputs)
        hiddenGrad = Buffer(maxBatch * hidden)
        cellGrad = Buffer(maxBatch * hidden)
        bias = Buffer(4 * hidden)
        biasGrad = Buffer(4 * hidden)
        zeroCells = Buffer(hidden)
        packedRows = Buffer(PackedGEMM.packedCount(rows: 4 * hidden, k: hidden))
        packedColumns = Buffer(PackedGEMM.packedCount(rows: hidden, k: 4 * hidden))
    }

    public var parameters: [Parameter] { [weightIH, weightHH, biasIH, biasHH] }

    public func initialize(rng: inout RNG) {
        let bound = 1 / Float(hidden).squareRoot()
        for p in parameters { p.initUniform(bound: bound, rng: &rng) }
    }

    public func forward(_ x: UnsafePointer<Float>, steps: Int, batch: Int) {
        input = x
        BLAS.gemm(false, true, m: steps * batch, n: 4 * hidden, k: inputs, x, lda: inputs, weightIH.value, ldb: inputs,
                  beta: 0, gates.pointer, ldc: 4 * hidden)
        forwardThroughTime(steps: steps, batch: batch)
    }

    /// The time loop, once `gates` holds the input part of every gate — or, with `tokenInputs`, once
    /// `table` holds it (bias included) per token: then the cells add the row of the position's token.
    func forwardThroughTime(steps: Int, batch: Int,
                            tokenInputs: (table: UnsafePointer<Float>, tokens: UnsafePointer<Int32>)? = nil) {
        self.steps = steps
        self.batch = batch
        let h4 = 4 * hidden, H = hidden
        let bias = sumBiases()
        let table = tokenInputs?.table, tokens = tokenInputs?.tokens, packed = PackedGEMM.isAvailable
        if tokenInputs != nil { gates.pointer.update(repeating: 0, count: batch * h4) }  // step 0 has no product
        BLAS.singleThreaded {
            Parallel.team.run { member in
                let units = member.share(of: H, granule: 16)
                // This member's block of gate columns, and its rows of W_hh packed once for the 127 products.
                let columns = member.share(of: h4, granule: 16), rows = packedRows.pointer + columns.lowerBound * H
                if packed {
                    PackedGEMM.pack(weightHH.value + columns.lowerBound * H, rows: columns.count, k: H, rowStride: H,
                                    elementStride: 1, into: rows)
                }
                for t in 0..<steps {
                    let first = t * batch, gt = gates.pointer + first * h4
                    if t > 0 {
                        // h_{t-1} · W_hh[columns]ᵀ for this member's columns; the cells need all four gates of
                        // their units, so the members meet first.
                        let hPrevious = output.pointer + (first - batch) * H, accumulate = tokenInputs == nil
                        if packed {
                            PackedGEMM.multiply(m: batch, n: columns.count, k: H, hPrevious, lda: H, packed: rows,
                                                gt + columns.lowerBound, ldc: h4, accumulate: accumulate)
                        } else if !columns.isEmpty {
                            BLAS.gemm(false, true, m: batch, n: columns.count, k: H, hPrevious, lda: H,
                                      weightHH.value + columns.lowerBound * H, ldb: H, beta: accumulate ? 1 : 0,
                                      gt + columns.lowerBound, ldc: h4, profile: .recurrentProducts)
                        }
                        member.wait()
                    }
                    for b in 0..<batch {
                        let r = first + b
                        let cPrev = t > 0 ? cells.pointer + (r - batch) * H : zeroCells.pointer
                        // What the cells add to the row: the bias, or the token's row of `table`.
                        let addend = if let table, let tokens { table + Int(tokens[r]) * h4 } else { bias }
                        Lanes.groups(units) { j, n in
                            let (c, tc, h) = LSTMCell.forward(gt + b * h4, adding: addend, hidden: H, j, n,
                                                              previousCell: Lanes(cPrev + j, count: n))
                            c.store(to: cells.pointer + r * H + j, count: n)
                            tc.store(to: cellTanh.pointer + r * H + j, count: n)
                            h.store(to: output.pointer + r * H + j, count: n)
                        }
                    }
                    member.wait()  // h_t is whole before any member's product for t + 1 reads it
                }
            }
        }
    }

    /// bias_ih + bias_hh, which the cells add (the weights change between steps, so it is summed each pass).
    func sumBiases() -> UnsafePointer<Float> {
        for j in 0..<4 * hidden { bias[j] = biasIH.value[j] + biasHH.value[j] }
        return UnsafePointer(bias.pointer)
    }

    /// Back-propagates `dOutput` ([T·B, H]); accumulates weight gradients, writes `inputGrad` when asked.
    public func backward(_ dOutput: UnsafePointer<Float>, inputGradient: Bool = true) {
        backwardThroughTime(dOutput)
        let rows = steps * batch, h4 = 4 * hidden
        BLAS.gemm(true, false, m: h4, n: inputs, k: rows, gateGrad.pointer, lda: h4, input!, ldb: inputs,
                  beta: 1, weightIH.grad, ldc: inputs)
        if inputGradient {
            BLAS.gemm(false, false, m: rows, n: inputs, k: h4, gateGrad.pointer, lda: h4, weightIH.value, ldb: inputs,
                      beta: 0, inputGrad.pointer, ldc: inputs)
        }
    }

    /// The time loop back: fills `gateGrad` and accumulates the gradients of W_hh and the biases.
    func backwardThroughTime(_ dOutput: UnsafePointer<Float>) {
        let H = hidden, h4 = 4 * hidden, packed = PackedGEMM.isAvailable
        hiddenGrad.zero()
        cellGrad.zero()
        BLAS.singleThreaded {
            Parallel.team.run { member in
                // This member's units, and their columns of W_hh packed once for the 127 products.
                let units = member.share(of: H, granule: 16), columns = packedColumns.pointer + units.lowerBound * h4
                if packed {
                    PackedGEMM.pack(weightHH.value + units.lowerBound, rows: units.count, k: h4, rowStride: 1,
                                    elementStride: H, into: columns)
                }
                for t in stride(from: steps - 1, through: 0, by: -1) {
                    for b in 0..<batch {
                        let r = t * batch + b
                        let cPrev = t > 0 ? cells.pointer + (r - batch) * H : zeroCells.pointer
                        let dh = dOutput + r * H, dhNext = hiddenGrad.pointer + b * H, dcNext = cellGrad.pointer + b * H
                        Lanes.groups(units) { j, n in
                            let dc = LSTMCell.backward(
                                gates: gates.pointer + r * h4, gradients: gateGrad.pointer + r * h4, hidden: H, j, n,
                                cellTanh: Lanes(cellTanh.pointer + r * H + j, count: n),
                                previousCell: Lanes(cPrev + j, count: n),
                                outputGrad: Lanes(dh + j, count: n) + Lanes(dhNext + j, count: n),
                                cellGrad: Lanes(dcNext + j, count: n))
                            dc.store(to: dcNext + j, count: n)
                        }
                    }
                    member.wait()  // every unit's gate gradients of step t are in
                    if t > 0 && !units.isEmpty {
                        // This member's units of dh_{t-1} = dGates_t · W_hh[:, its units]: the units its cells read next.
                        let dGates = gateGrad.pointer + t * batch * h4, dh = hiddenGrad.pointer + units.lowerBound
                        if packed {
                            PackedGEMM.multiply(m: batch, n: units.count, k: h4, dGates, lda: h4, packed: columns, dh,
                                                ldc: H, accumulate: false)
                        } else {
                            BLAS.gemm(false, false, m: batch, n: units.count, k: h4, dGates, lda: h4,
                                      weightHH.value + units.lowerBound, ldb: H, beta: 0, dh, ldc: H,
                                      profile: .recurrentProducts)
                        }
                    }
                }
            }
        }
        let rows = steps * batch
        if steps > 1 {
            BLAS.gemm(true, false, m: h4, n: H, k: (steps - 1) * batch, gateGrad.pointer + batch * h4, lda: h4,
                      output.pointer, ldb: H, beta: 1, weightHH.grad, ldc: H)
        }
        biasGrad.zero()
        addColumnSums(of: gateGrad.pointer, rows: rows, columns: h4, to: biasGrad.pointer)
        for j in 0..<h4 {
            biasIH.grad[j] += biasGrad[j]
            biasHH.grad[j] += biasGrad[j]
        }
    }
}
