import CBLAS
import Synchronization

/// Row-major matrix products on OpenBLAS. All matrices are dense and row-major; `lda` etc. are row strides.
public enum BLAS {
    /// C[m×n] = alpha · op(A) · op(B) + beta · C, op(X) = X or Xᵀ. A large product is split over
    /// `Parallel.team` in blocks of C rows (or columns, when C is wide and short), each made on one
    /// OpenBLAS thread: OpenBLAS's own threads would keep spinning on the cores after the product while
    /// the team's threads run the LSTM's time loop.
    public static func gemm(_ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                            _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int, profile kind: Profile.Kind = .products) {
        Profile.measure(kind, flops: 2 * Double(m) * Double(n) * Double(k)) {
            let team = Parallel.team
            guard team.count > 1, !Team.isInsideRun, m * n * k >= splitSize else {
                return sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
            }
            singleThreaded {
                team.run { member in
                    if m >= n || m >= 16 * member.count {
                        let rows = member.share(of: m, granule: 16)
                        guard !rows.isEmpty else { return }
                        sgemm(transA, transB, rows.count, n, k, alpha, transA ? a + rows.lowerBound : a + rows.lowerBound * lda,
                              lda, b, ldb, beta, c + rows.lowerBound * ldc, ldc)
                    } else {
                        let columns = member.share(of: n, granule: 16)
                        guard !columns.isEmpty else { return }
                        sgemm(transA, transB, m, columns.count, k, alpha, a, lda,
                              transB ? b + columns.lowerBound * ldb : b + columns.lowerBound, ldb, beta,
                              c + columns.lowerBound, ldc)
                    }
                }
            }
        }
    }

    /// Products of fewer multiply-adds (m·n·k) run on the calling thread alone.
    static let splitSize = 1 << 21

    @inline(__always)
    private static func sgemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
                              _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                              _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
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

    /// Runs `body` with OpenBLAS on one thread: for products made by several threads of our own at once.
    /// Sections may overlap (tests train several models at once): OpenBLAS goes back to `threads` when the
    /// last one ends, and a change of `threads` meanwhile waits for that.
    public static func singleThreaded<R>(_ body: () -> R) -> R {
        control.withLock { control in
            if control.sections == 0 && control.threads != 1 { openblas_set_num_threads(1) }
            control.sections += 1
        }
        defer {
            control.withLock { control in
                control.sections -= 1
                if control.sections == 0 && control.threads != 1 { openblas_set_num_threads(Int32(control.threads)) }
            }
        }
        return body()
    }

    /// How many threads OpenBLAS uses for each product made outside `singleThreaded` sections.
    public static var threads: Int {
        get { control.withLock { $0.threads } }
        set {
            control.withLock { control in
                control.threads = newValue
                if control.sections == 0 { openblas_set_num_threads(Int32(newValue)) }
            }
        }
    }

    private static let control = Mutex((threads: Int(openblas_get_num_threads()), sections: 0))
}
