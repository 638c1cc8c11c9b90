import Foundation
import Kernels

/// Products with few rows against one matrix used many times (the LSTM's recurrent weights, 127 times a
/// sequence in each direction): B is packed once into 16-row panels and the products run on our own
/// kernel (`Kernels.PackedProduct`, about 92 GFLOP/s a core against OpenBLAS's ~73 on these shapes,
/// which repacks B on every call). Only where the CPU can run that kernel; elsewhere callers use `BLAS.gemm`.
public enum PackedGEMM {
    /// x86-64 needs AVX2 and FMA, which the Kernels module is compiled for; other architectures use it as is.
    public static let isAvailable: Bool = {
        #if arch(x86_64)
        return CPUFlags.has("avx2", "fma")
        #else
        return true
        #endif
    }()

    /// Floats needed to pack `rows` rows of length `k`.
    public static func packedCount(rows: Int, k: Int) -> Int { (rows + 15) / 16 * 16 * k }

    /// Packs rows 0..<rows of B, where element (row i, position j) is `b[i·rowStride + j·elementStride]`
    /// (rows of a row-major matrix: strides (k, 1); its columns: (1, row length)).
    public static func pack(_ b: UnsafePointer<Float>, rows: Int, k: Int, rowStride: Int, elementStride: Int,
                            into packed: UnsafeMutablePointer<Float>) {
        for p in 0..<(rows + 15) / 16 {
            let panel = packed + p * k * 16
            for lane in 0..<16 {
                let i = p * 16 + lane
                if i < rows {
                    let row = b + i * rowStride
                    for j in 0..<k { panel[j * 16 + lane] = row[j * elementStride] }
                } else {
                    for j in 0..<k { panel[j * 16 + lane] = 0 }
                }
            }
        }
    }

    /// C[m×n] = A[m×k] · Bᵀ, or C += A · Bᵀ with `accumulate`, B packed by `pack` (n rows).
    public static func multiply(m: Int, n: Int, k: Int, _ a: UnsafePointer<Float>, lda: Int,
                                packed: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, ldc: Int,
                                accumulate: Bool, profile kind: Profile.Kind = .recurrentProducts) {
        Profile.measure(kind, flops: 2 * Double(m) * Double(n) * Double(k)) {
            PackedProduct.multiply(m: m, n: n, k: k, a, lda: lda, packed: packed, c, ldc: ldc, accumulate: accumulate)
        }
    }
}
