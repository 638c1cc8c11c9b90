/// The products of the LSTM's recurrence on weights packed once: C[m×n] (+)= A[m×k] · Bᵀ, where B's n
/// rows are packed in panels of 16 — panel p holds, for each of the k positions, the 16 values of rows
/// 16p..<16p+16 (zeros past row n). OpenBLAS packs B again on every call, and with m = 32 rows that copy
/// is a fifth of the work.
///
/// This module is compiled for AVX2 and FMA on x86-64 (see Package.swift): callers check that the CPU
/// has them (`NeuralNet.PackedGEMM.isAvailable`) before calling in.
public enum PackedProduct {
    private typealias V8 = SIMD8<Float>

    public static func multiply(m: Int, n: Int, k: Int, _ a: UnsafePointer<Float>, lda: Int,
                                packed: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, ldc: Int,
                                accumulate: Bool) {
        for p in 0..<(n + 15) / 16 {
            let panel = UnsafeRawPointer(packed + p * k * 16), columns = min(16, n - p * 16)
            var r = 0
            // Four rows at a time: eight accumulators, two panel loads and four broadcasts per position.
            while r + 4 <= m {
                let a0 = a + r * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda
                var c00 = V8(), c01 = V8(), c10 = V8(), c11 = V8(), c20 = V8(), c21 = V8(), c30 = V8(), c31 = V8()
                for i in 0..<k {
                    let b0 = panel.loadUnaligned(fromByteOffset: i * 64, as: V8.self)
                    let b1 = panel.loadUnaligned(fromByteOffset: i * 64 + 32, as: V8.self)
                    let x0 = V8(repeating: a0[i]), x1 = V8(repeating: a1[i])
                    let x2 = V8(repeating: a2[i]), x3 = V8(repeating: a3[i])
                    c00 = c00.addingProduct(x0, b0); c01 = c01.addingProduct(x0, b1)
                    c10 = c10.addingProduct(x1, b0); c11 = c11.addingProduct(x1, b1)
                    c20 = c20.addingProduct(x2, b0); c21 = c21.addingProduct(x2, b1)
                    c30 = c30.addingProduct(x3, b0); c31 = c31.addingProduct(x3, b1)
                }
                let out = c + r * ldc + p * 16
                store(c00, c01, to: out, columns: columns, accumulate: accumulate)
                store(c10, c11, to: out + ldc, columns: columns, accumulate: accumulate)
                store(c20, c21, to: out + 2 * ldc, columns: columns, accumulate: accumulate)
                store(c30, c31, to: out + 3 * ldc, columns: columns, accumulate: accumulate)
                r += 4
            }
            while r < m {
                let a0 = a + r * lda
                var c00 = V8(), c01 = V8()
                for i in 0..<k {
                    let x0 = V8(repeating: a0[i])
                    c00 = c00.addingProduct(x0, panel.loadUnaligned(fromByteOffset: i * 64, as: V8.self))
                    c01 = c01.addingProduct(x0, panel.loadUnaligned(fromByteOffset: i * 64 + 32, as: V8.self))
                }
                store(c00, c01, to: c + r * ldc + p * 16, columns: columns, accumulate: accumulate)
                r += 1
            }
        }
    }

    /// Writes (or adds) the first `columns` of the sixteen values `low`, `high` to a row of C.
    @inline(__always)
    private static func store(_ low: V8, _ high: V8, to out: UnsafeMutablePointer<Float>, columns: Int, accumulate: Bool) {
        let raw = UnsafeMutableRawPointer(out)
        if columns == 16 {
            if accumulate {
                raw.storeBytes(of: raw.loadUnaligned(as: V8.self) + low, as: V8.self)
                raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: 32, as: V8.self) + high, toByteOffset: 32, as: V8.self)
            } else {
                raw.storeBytes(of: low, as: V8.self)
                raw.storeBytes(of: high, toByteOffset: 32, as: V8.self)
            }
            return
        }
        for j in 0..<columns {
            let value = j < 8 ? low[j] : high[j - 8]
            out[j] = accumulate ? out[j] + value : value
        }
    }
}
