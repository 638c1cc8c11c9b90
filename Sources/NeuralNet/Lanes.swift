/// Eight floats at a time, for the element-wise loops that the compiler does not vectorize by itself
/// (the LSTM's gates: several rows read and written through one pointer). A row of any length is
/// walked in full groups of eight and a last group of fewer, padded with zeros.
public typealias Lanes = SIMD8<Float>

extension Lanes {
    /// `count` (≤ 8) floats from `p`; the lanes past `count` are `padding`.
    @inline(__always)
    public init(_ p: UnsafePointer<Float>, count: Int = 8, padding: Float = 0) {
        if count == 8 {
            self = UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
        } else {
            self = Lanes(repeating: padding)
            for i in 0..<count { self[i] = p[i] }
        }
    }

    @inline(__always)
    public init(_ p: UnsafeMutablePointer<Float>, count: Int = 8, padding: Float = 0) {
        self.init(UnsafePointer(p), count: count, padding: padding)
    }

    /// Writes the first `count` (≤ 8) lanes to `p`.
    @inline(__always)
    public func store(to p: UnsafeMutablePointer<Float>, count: Int = 8) {
        if count == 8 {
            UnsafeMutableRawPointer(p).storeBytes(of: self, as: Lanes.self)
        } else {
            for i in 0..<count { p[i] = self[i] }
        }
    }

    /// Calls `body(offset, count)` for each group of up to eight in `range`.
    @inline(__always)
    public static func groups(_ range: Range<Int>, _ body: (Int, Int) -> Void) {
        var j = range.lowerBound
        while j < range.upperBound {
            let n = Swift.min(8, range.upperBound - j)
            body(j, n)
            j += n
        }
    }

    /// Each lane limited to [low, high] (`clamped(lowerBound:upperBound:)` is a call per use, not two instructions).
    @inline(__always)
    public func clamp(_ low: Float, _ high: Float) -> Lanes {
        var x = self
        x.replace(with: low, where: x .< low)
        x.replace(with: high, where: x .> high)
        return x
    }
}
