import CBLAS

/// Row-major matrix products on OpenBLAS. All matrices are dense and row-major; `lda` etc. are row strides.
public enum BLAS {
    /// C[m×n] = alpha · op(A) · op(B) + beta · C, op(X) = X or Xᵀ.
    @inline(__always)
    public static func gemm(_ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                            _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// y[m] = alpha · A[m×n] · x + beta · y (A row-major); with `trans`, y[n] = alpha · Aᵀ · x + beta · y.
    @inline(__always)
    public static func gemv(_ trans: Bool, m: Int, n: Int, alpha: Float = 1, _ a: UnsafePointer<Float>, lda: Int,
                            _ x: UnsafePointer<Float>, beta: Float, _ y: UnsafeMutablePointer<Float>) {
        cblas_sgemv(CblasRowMajor, trans ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), alpha, a, Int32(lda),
                    x, 1, beta, y, 1)
    }

    /// How many threads OpenBLAS uses for each product.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(newValue)) }
    }
}
