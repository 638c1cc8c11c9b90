/// The sum of a run of floats, read as fast as loads go (four chains of eight-wide adds): what `yamg bench generate`
/// times to measure the read bandwidth that bounds a generation step (`NeuralNet.ReadBandwidth`).
public enum ReadSum {
    private typealias V8 = SIMD8<Float>

    public static func sum(_ p: UnsafePointer<Float>, count: Int) -> Float {
        let raw = UnsafeRawPointer(p)
        var a = V8(), b = V8(), c = V8(), d = V8()
        var i = 0
        while i + 32 <= count {
            a += raw.loadUnaligned(fromByteOffset: i * 4, as: V8.self)
            b += raw.loadUnaligned(fromByteOffset: i * 4 + 32, as: V8.self)
            c += raw.loadUnaligned(fromByteOffset: i * 4 + 64, as: V8.self)
            d += raw.loadUnaligned(fromByteOffset: i * 4 + 96, as: V8.self)
            i += 32
        }
        var total = ((a + b) + (c + d)).sum()
        while i < count {
            total += p[i]
            i += 1
        }
        return total
    }
}

/// The sum of a run of float16 values, widened eight at a time by F16C (`vcvtph2ps`, as `HalfProduct` widens
/// them) and added: a read of float16 weights that also converts them, without the products. `yamg bench
/// generate` times it as a second floor under the float16 step: on a CPU whose conversion is slower than its
/// caches, this, not the plain read, bounds any kernel that widens with this instruction.
public enum WidenSum {
    private typealias V8 = SIMD8<Float>
    private typealias H8 = SIMD8<Float16>

    public static func sum(_ p: UnsafePointer<UInt16>, count: Int) -> Float {
        let raw = UnsafeRawPointer(p)
        var a = V8(), b = V8(), c = V8(), d = V8()
        var i = 0
        while i + 32 <= count {
            a += V8(raw.loadUnaligned(fromByteOffset: i * 2, as: H8.self))
            b += V8(raw.loadUnaligned(fromByteOffset: i * 2 + 16, as: H8.self))
            c += V8(raw.loadUnaligned(fromByteOffset: i * 2 + 32, as: H8.self))
            d += V8(raw.loadUnaligned(fromByteOffset: i * 2 + 48, as: H8.self))
            i += 32
        }
        var total = ((a + b) + (c + d)).sum()
        while i < count {
            total += Float(Float16(bitPattern: p[i]))
            i += 1
        }
        return total
    }
}
