/// `Kernels.HalfProduct` with sixteen lanes: one AVX-512 register holds a panel's column, so a column is one
/// load-and-widen (`vcvtph2ps zmm`) and one multiply-add. A module of its own because Swift sets the target CPU
/// per module, not per function: this one is compiled for Skylake-AVX512 (see Package.swift), and callers check
/// that the CPU has AVX-512 (F, BW, DQ, VL: what that target may emit) before calling in (`NeuralNet.HalfKernel`).
public enum HalfProduct512 {
    private typealias V16 = SIMD16<Float>
    private typealias H16 = SIMD16<Float16>

    /// y[16·panels] (+)= W · x over `panels` panels of `k` columns starting at `packed` (layout: `HalfProduct`).
    public static func multiply(panels: Int, k: Int, _ packed: UnsafePointer<UInt16>, _ x: UnsafePointer<Float>,
                                _ y: UnsafeMutablePointer<Float>, accumulate: Bool) {
        for p in 0..<panels {
            let panel = UnsafeRawPointer(packed + p * k * 16)
            // Four columns a turn into four accumulators: independent chains hide the multiply-add's latency.
            var a0 = V16(), a1 = V16(), a2 = V16(), a3 = V16()
            var j = 0
            while j + 4 <= k {
                a0 = a0.addingProduct(widen(panel.loadUnaligned(fromByteOffset: j * 32, as: H16.self)), V16(repeating: x[j]))
                a1 = a1.addingProduct(widen(panel.loadUnaligned(fromByteOffset: j * 32 + 32, as: H16.self)), V16(repeating: x[j + 1]))
                a2 = a2.addingProduct(widen(panel.loadUnaligned(fromByteOffset: j * 32 + 64, as: H16.self)), V16(repeating: x[j + 2]))
                a3 = a3.addingProduct(widen(panel.loadUnaligned(fromByteOffset: j * 32 + 96, as: H16.self)), V16(repeating: x[j + 3]))
                j += 4
            }
            while j < k {
                a0 = a0.addingProduct(widen(panel.loadUnaligned(fromByteOffset: j * 32, as: H16.self)), V16(repeating: x[j]))
                j += 1
            }
            let out = UnsafeMutableRawPointer(y + p * 16)
            var sum = (a0 + a1) + (a2 + a3)
            if accumulate { sum += out.loadUnaligned(as: V16.self) }
            out.storeBytes(of: sum, as: V16.self)
        }
    }

    /// The sum of `count` float16 values, widened sixteen at a time as `multiply` widens them: the conversion
    /// floor under it (`Kernels.WidenSum` is the eight-lane one).
    public static func widenedSum(_ p: UnsafePointer<UInt16>, count: Int) -> Float {
        let raw = UnsafeRawPointer(p)
        var a = V16(), b = V16(), c = V16(), d = V16()
        var i = 0
        while i + 64 <= count {
            a += widen(raw.loadUnaligned(fromByteOffset: i * 2, as: H16.self))
            b += widen(raw.loadUnaligned(fromByteOffset: i * 2 + 32, as: H16.self))
            c += widen(raw.loadUnaligned(fromByteOffset: i * 2 + 64, as: H16.self))
            d += widen(raw.loadUnaligned(fromByteOffset: i * 2 + 96, as: H16.self))
            i += 64
        }
        var total = ((a + b) + (c + d)).sum()
        while i < count {
            total += Float(Float16(bitPattern: p[i]))
            i += 1
        }
        return total
    }

    /// Sixteen float16 values widened to float32: one `vcvtph2ps`. Spelled once here, always inlined: with four
    /// uses in the loop, the optimizer otherwise calls the standard library's generic conversion out of line.
    @inline(__always)
    private static func widen(_ h: H16) -> V16 { V16(lowHalf: SIMD8<Float>(h.lowHalf), highHalf: SIMD8<Float>(h.highHalf)) }
}
