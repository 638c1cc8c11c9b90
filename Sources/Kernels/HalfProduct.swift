/// Matrix-vector products on float16 weights, for the batch-1 generation step, whose time is the time to read
/// the weights: half the bytes of float32. The matrix is packed in panels of 16 rows (`NeuralNet.HalfMatrix`):
/// panel p holds, for each of the k columns, the 16 values of rows 16p..<16p+16, so a panel is one run of
/// memory read once from start to end. Each value is widened to float32 as it is loaded (F16C's `vcvtph2ps`,
/// which this module, compiled for Haswell, emits for the SIMD conversion) and the sums are float32.
///
/// The AVX2 path: callers check that the CPU has AVX2, FMA and F16C (`NeuralNet.HalfKernel`) before calling in.
/// `Kernels512.HalfProduct512` is the same loop with sixteen lanes.
public enum HalfProduct {
    private typealias V8 = SIMD8<Float>
    private typealias H8 = SIMD8<Float16>

    /// y[16·panels] (+)= W · x over `panels` panels of `k` columns starting at `packed`.
    public static func multiply(panels: Int, k: Int, _ packed: UnsafePointer<UInt16>, _ x: UnsafePointer<Float>,
                                _ y: UnsafeMutablePointer<Float>, accumulate: Bool) {
        for p in 0..<panels {
            let panel = UnsafeRawPointer(packed + p * k * 16)
            // Two columns a turn, two accumulators a column: four independent chains of multiply-adds.
            var a0 = V8(), a1 = V8(), b0 = V8(), b1 = V8()
            var j = 0
            while j + 2 <= k {
                let x0 = V8(repeating: x[j]), x1 = V8(repeating: x[j + 1])
                a0 = a0.addingProduct(V8(panel.loadUnaligned(fromByteOffset: j * 32, as: H8.self)), x0)
                a1 = a1.addingProduct(V8(panel.loadUnaligned(fromByteOffset: j * 32 + 16, as: H8.self)), x0)
                b0 = b0.addingProduct(V8(panel.loadUnaligned(fromByteOffset: j * 32 + 32, as: H8.self)), x1)
                b1 = b1.addingProduct(V8(panel.loadUnaligned(fromByteOffset: j * 32 + 48, as: H8.self)), x1)
                j += 2
            }
            if j < k {
                let x0 = V8(repeating: x[j])
                a0 = a0.addingProduct(V8(panel.loadUnaligned(fromByteOffset: j * 32, as: H8.self)), x0)
                a1 = a1.addingProduct(V8(panel.loadUnaligned(fromByteOffset: j * 32 + 16, as: H8.self)), x0)
            }
            let out = UnsafeMutableRawPointer(y + p * 16)
            var low = a0 + b0, high = a1 + b1
            if accumulate {
                low += out.loadUnaligned(as: V8.self)
                high += out.loadUnaligned(fromByteOffset: 32, as: V8.self)
            }
            out.storeBytes(of: low, as: V8.self)
            out.storeBytes(of: high, toByteOffset: 32, as: V8.self)
        }
    }
}
