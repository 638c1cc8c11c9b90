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
