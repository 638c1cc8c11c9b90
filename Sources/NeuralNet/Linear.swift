/// y = x·Wᵀ + b over rows, with PyTorch's layout: weight [out, in], bias [out].
public final class Linear {
    public let weight: Parameter
    public let bias: Parameter
    public let inputs: Int, outputs: Int
    public let output: Buffer       // [rows, out]
    public let inputGrad: Buffer    // [rows, in]
    private var input: UnsafePointer<Float>?

    public init(_ inputs: Int, _ outputs: Int, maxRows: Int, name: String) {
        self.inputs = inputs
        self.outputs = outputs
        weight = Parameter("\(name).weight", [outputs, inputs])
        bias = Parameter("\(name).bias", [outputs])
        output = Buffer(maxRows * outputs)
        inputGrad = Buffer(maxRows * inputs)
    }

    public var parameters: [Parameter] { [weight, bias] }

    public func initialize(rng: inout RNG) {
        let bound = 1 / Float(inputs).squareRoot()
        weight.initUniform(bound: bound, rng: &rng)
        bias.initUniform(bound: bound, rng: &rng)
    }

    public func forward(_ x: UnsafePointer<Float>, rows: Int) {
        input = x
        let y = output.pointer
        Parallel.rows(rows, width: outputs) { share in
            for r in share { (y + r * outputs).update(from: bias.value, count: outputs) }
        }
        if rows == 1 {
            // One row (generation): a matrix-vector product; OpenBLAS's one-row sgemm is several times slower.
            BLAS.gemv(false, m: outputs, n: inputs, weight.value, lda: inputs, x, beta: 1, y)
        } else {
            BLAS.gemm(false, true, m: rows, n: outputs, k: inputs, x, lda: inputs, weight.value, ldb: inputs,
                      beta: 1, y, ldc: outputs)
        }
    }

    /// Accumulates dW and db; writes dx into `inputGrad` when `inputGradient` is set.
    public func backward(_ dy: UnsafePointer<Float>, rows: Int, inputGradient: Bool = true) {
        BLAS.gemm(true, false, m: outputs, n: inputs, k: rows, dy, lda: outputs, input!, ldb: inputs,
                  beta: 1, weight.grad, ldc: inputs)
        addColumnSums(of: dy, rows: rows, columns: outputs, to: bias.grad)
        if inputGradient {
            BLAS.gemm(false, false, m: rows, n: inputs, k: outputs, dy, lda: outputs, weight.value, ldb: inputs,
                      beta: 0, inputGrad.pointer, ldc: inputs)
        }
    }
}
