import Dispatch

/// One LSTM layer over a whole sequence, time-major ([T, B, features]), with PyTorch's parameters:
/// weight_ih [4H, in], weight_hh [4H, H], bias_ih and bias_hh [4H], gates in the order i, f, g, o.
///
/// The input part of every gate is one matrix product over all T·B rows; only the recurrent part
/// (B rows per step) is sequential. Backward runs through the sequence once (back-propagation through
/// time truncated at the sequence: each sequence starts from a zero state) and leaves the weight
/// gradients to two large products at the end.
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
    public let inputGrad: Buffer
    private let hiddenGrad: Buffer, cellGrad: Buffer  // carried from step t+1 to t: [B, H]
    /// The zero cell state before the first step: [H].
    private let zeroCells: Buffer
    private var input: UnsafePointer<Float>?
    private var steps = 0, batch = 0

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
        zeroCells = Buffer(hidden)
    }

    /// Runs `body` for rows 0..<count on both cores when there is enough work to pay for the hand-off.
    @inline(__always)
    static func parallelRows(_ count: Int, _ body: (Int) -> Void) {
        let workers = count >= 8 ? Parallel.workers : 1
        guard workers > 1 else {
            for b in 0..<count { body(b) }
            return
        }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for b in stride(from: w, to: count, by: workers) { body(b) }
            }
        }
    }

    public var parameters: [Parameter] { [weightIH, weightHH, biasIH, biasHH] }

    public func initialize(rng: inout RNG) {
        let bound = 1 / Float(hidden).squareRoot()
        for p in parameters { p.initUniform(bound: bound, rng: &rng) }
    }

    public func forward(_ x: UnsafePointer<Float>, steps: Int, batch: Int) {
        input = x
        self.steps = steps
        self.batch = batch
        let h4 = 4 * hidden, H = hidden
        let g = gates.pointer, bi = biasIH.value, bh = biasHH.value
        for r in 0..<steps * batch {
            let row = g + r * h4
            for j in 0..<h4 { row[j] = bi[j] + bh[j] }
        }
        BLAS.gemm(false, true, m: steps * batch, n: h4, k: inputs, x, lda: inputs, weightIH.value, ldb: inputs,
                  beta: 1, g, ldc: h4)
        for t in 0..<steps {
            let gt = g + t * batch * h4
            if t > 0 {
                BLAS.gemm(false, true, m: batch, n: h4, k: H, output.pointer + (t - 1) * batch * H, lda: H,
                          weightHH.value, ldb: H, beta: 1, gt, ldc: h4)
            }
            let first = t * batch
            let previous = t > 0 ? cells.pointer + (first - batch) * H : zeroCells.pointer
            Self.parallelRows(batch) { b in
                let row = gt + b * h4, r = first + b
                let c = self.cells.pointer + r * H, tc = self.cellTanh.pointer + r * H, h = self.output.pointer + r * H
                let cPrev = t > 0 ? previous + b * H : previous
                for j in 0..<H {
                    let i = fastSigmoid(row[j]), f = fastSigmoid(row[H + j])
                    let gg = fastTanh(row[2 * H + j]), o = fastSigmoid(row[3 * H + j])
                    row[j] = i; row[H + j] = f; row[2 * H + j] = gg; row[3 * H + j] = o
                    let cell = i * gg + f * cPrev[j]
                    c[j] = cell
                    let ct = fastTanh(cell)
                    tc[j] = ct
                    h[j] = o * ct
                }
            }
        }
    }

    /// Back-propagates `dOutput` ([T·B, H]); accumulates weight gradients, writes `inputGrad` when asked.
    public func backward(_ dOutput: UnsafePointer<Float>, inputGradient: Bool = true) {
        let H = hidden, h4 = 4 * hidden
        hiddenGrad.zero()
        cellGrad.zero()
        for t in stride(from: steps - 1, through: 0, by: -1) {
            let previous = t > 0 ? cells.pointer + (t - 1) * batch * H : zeroCells.pointer
            Self.parallelRows(batch) { b in
                let r = t * batch + b
                let gate = self.gates.pointer + r * h4, dGate = self.gateGrad.pointer + r * h4
                let tc = self.cellTanh.pointer + r * H, dh = dOutput + r * H
                let dhNext = self.hiddenGrad.pointer + b * H, dcNext = self.cellGrad.pointer + b * H
                let cPrev = t > 0 ? previous + b * H : previous
                for j in 0..<H {
                    let i = gate[j], f = gate[H + j], g = gate[2 * H + j], o = gate[3 * H + j]
                    let dhj = dh[j] + dhNext[j]
                    let dc = dhj * o * (1 - tc[j] * tc[j]) + dcNext[j]
                    dGate[j] = dc * g * i * (1 - i)
                    dGate[H + j] = dc * cPrev[j] * f * (1 - f)
                    dGate[2 * H + j] = dc * i * (1 - g * g)
                    dGate[3 * H + j] = dhj * tc[j] * o * (1 - o)
                    dcNext[j] = dc * f
                }
            }
            if t > 0 {
                BLAS.gemm(false, false, m: batch, n: H, k: h4, gateGrad.pointer + t * batch * h4, lda: h4,
                          weightHH.value, ldb: H, beta: 0, hiddenGrad.pointer, ldc: H)
            }
        }
        let rows = steps * batch
        if steps > 1 {
            BLAS.gemm(true, false, m: h4, n: H, k: (steps - 1) * batch, gateGrad.pointer + batch * h4, lda: h4,
                      output.pointer, ldb: H, beta: 1, weightHH.grad, ldc: H)
        }
        BLAS.gemm(true, false, m: h4, n: inputs, k: rows, gateGrad.pointer, lda: h4, input!, ldb: inputs,
                  beta: 1, weightIH.grad, ldc: inputs)
        let dbi = biasIH.grad, dbh = biasHH.grad
        for r in 0..<rows {
            let row = gateGrad.pointer + r * h4
            for j in 0..<h4 {
                dbi[j] += row[j]
                dbh[j] += row[j]
            }
        }
        if inputGradient {
            BLAS.gemm(false, false, m: rows, n: inputs, k: h4, gateGrad.pointer, lda: h4, weightIH.value, ldb: inputs,
                      beta: 0, inputGrad.pointer, ldc: inputs)
        }
    }
}
