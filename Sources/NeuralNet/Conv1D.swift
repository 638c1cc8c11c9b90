/// A valid 1-D convolution over [B, length, channels] inputs with PyTorch's weight layout
/// [filters, channels, kernel]. The windows are unrolled (im2col) into rows of channels × kernel,
/// so forward and backward are single matrix products.
public final class Conv1D {
    public let weight: Parameter  // [filters, channels, kernel]
    public let bias: Parameter    // [filters]
    public let channels: Int, filters: Int, kernel: Int, length: Int
    public var outLength: Int { length - kernel + 1 }
    /// Output [B, outLength, filters] (position-major, like the input).
    public let output: Buffer
    public let inputGrad: Buffer  // [B, length, channels]
    private let columns: Buffer   // [B · outLength, channels · kernel], column index c · kernel + k
    private let columnGrad: Buffer
    /// For the embedding-fed convolution (`Conv1D+Embedding.swift`), made on first use: the weights and their
    /// gradient kernel-offset-major [kernel, filters, channels], and the per-token tables [kernel, V, filters].
    var kernelMajor: Buffer?, kernelMajorGrad: Buffer?, tokenTables: Buffer?

    public init(channels: Int, filters: Int, kernel: Int, length: Int, maxBatch: Int, name: String) {
        self.channels = channels
        self.filters = filters
        self.kernel = kernel
        self.length = length
        weight = Parameter("\(name).weight", [filters, channels, kernel])
        bias = Parameter("\(name).bias", [filters])
        let rows = maxBatch * (length - kernel + 1)
        output = Buffer(rows * filters)
        inputGrad = Buffer(maxBatch * length * channels)
        columns = Buffer(rows * channels * kernel)
        columnGrad = Buffer(rows * channels * kernel)
    }

    public var parameters: [Parameter] { [weight, bias] }

    public func initialize(rng: inout RNG) {
        let bound = 1 / Float(channels * kernel).squareRoot()
        weight.initUniform(bound: bound, rng: &rng)
        bias.initUniform(bound: bound, rng: &rng)
    }

    public func forward(_ x: UnsafePointer<Float>, batch: Int) {
        let width = channels * kernel, rows = batch * outLength
        Parallel.rows(batch, width: outLength * width) { share in
            for b in share {
                for p in 0..<outLength {
                    let col = columns.pointer + (b * outLength + p) * width
                    for k in 0..<kernel {
                        let src = x + (b * length + p + k) * channels
                        for c in 0..<channels { col[c * kernel + k] = src[c] }
                    }
                    (output.pointer + (b * outLength + p) * filters).update(from: bias.value, count: filters)
                }
            }
        }
        BLAS.gemm(false, true, m: rows, n: filters, k: width, columns.pointer, lda: width, weight.value, ldb: width,
                  beta: 1, output.pointer, ldc: filters)
    }

    public func backward(_ dy: UnsafePointer<Float>, batch: Int, inputGradient: Bool = true) {
        let width = channels * kernel, rows = batch * outLength
        BLAS.gemm(true, false, m: filters, n: width, k: rows, dy, lda: filters, columns.pointer, ldb: width,
                  beta: 1, weight.grad, ldc: width)
        addColumnSums(of: dy, rows: rows, columns: filters, to: bias.grad)
        guard inputGradient else { return }
        BLAS.gemm(false, false, m: rows, n: width, k: filters, dy, lda: filters, weight.value, ldb: width,
                  beta: 0, columnGrad.pointer, ldc: width)
        Parallel.rows(batch, width: length * channels) { share in
            for b in share {
                (inputGrad.pointer + b * length * channels).update(repeating: 0, count: length * channels)
                for p in 0..<outLength {
                    let col = columnGrad.pointer + (b * outLength + p) * width
                    for k in 0..<kernel {
                        let dst = inputGrad.pointer + (b * length + p + k) * channels
                        for c in 0..<channels { dst[c] += col[c * kernel + k] }
                    }
                }
            }
        }
    }
}
