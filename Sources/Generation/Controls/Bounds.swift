/// The values a setting accepts, in interval notation: `(0, 5]`, `[0, 127]`, `[1, ∞)`.
///
/// The one range check of every setting and control, so flags, config files, reloads and (later) CC and HTTP
/// all reject a value with the same words: `0 is not in (0, 5]`.
public struct Bounds: Sendable, Equatable, CustomStringConvertible {
    public var lower: Double
    public var upper: Double
    /// Whether `lower` itself is excluded: `(0, …`.
    public var lowerOpen: Bool
    /// Whether `upper` itself is excluded; an infinite upper end is always open.
    public var upperOpen: Bool

    public init(_ lower: Double, _ upper: Double, lowerOpen: Bool = false, upperOpen: Bool = false) {
        self.lower = lower
        self.upper = upper
        self.lowerOpen = lowerOpen
        self.upperOpen = upperOpen || upper == .infinity
    }

    /// `[low, high]`.
    public static func closed(_ low: Double, _ high: Double) -> Bounds { Bounds(low, high) }
    /// `(low, high]`.
    public static func aboveUpTo(_ low: Double, _ high: Double) -> Bounds { Bounds(low, high, lowerOpen: true) }
    /// `[low, ∞)`.
    public static func atLeast(_ low: Double) -> Bounds { Bounds(low, .infinity) }
    /// `(low, ∞)`.
    public static func above(_ low: Double) -> Bounds { Bounds(low, .infinity, lowerOpen: true) }

    public func contains(_ value: Double) -> Bool {
        (lowerOpen ? value > lower : value >= lower) && (upperOpen ? value < upper : value <= upper)
    }

    /// `value` if it is inside, else the error that says so.
    public func check(_ value: Double) throws(OutOfBounds) -> Double {
        guard contains(value) else { throw OutOfBounds(value: value, bounds: self) }
        return value
    }

    /// An integer setting's check; the message shows the integer as written.
    public func check(_ value: Int) throws(OutOfBounds) -> Int {
        guard contains(Double(value)) else { throw OutOfBounds(value: Double(value), bounds: self) }
        return value
    }

    public var description: String {
        (lowerOpen ? "(" : "[") + Self.short(lower) + ", " + (upper == .infinity ? "∞" : Self.short(upper))
            + (upperOpen ? ")" : "]")
    }

    /// 10 rather than 10.0, 0.05 as written. Every whole number a Double holds exactly (up to 2^53) is written as
    /// an integer, so an integer setting's text reads back as one.
    public static func short(_ value: Double) -> String {
        value == value.rounded() && abs(value) <= 9_007_199_254_740_992 ? String(Int(value)) : value.description
    }
}

/// A value outside its ``Bounds``: `1.5 is not in (0, 1]`.
public struct OutOfBounds: Error, Equatable, CustomStringConvertible {
    public var value: Double
    public var bounds: Bounds

    public init(value: Double, bounds: Bounds) {
        self.value = value
        self.bounds = bounds
    }

    public var description: String { "\(Bounds.short(value)) is not in \(bounds)" }
}

/// The bounds of the settings `generate` and `perform` share that are not live controls, so both commands check them
/// with the same ``Bounds`` and the same words.
extension Bounds {
    /// `seconds`, `max-note-length`, `prime-seconds`.
    public static let positiveSeconds = Bounds.above(0)
    /// `max-polyphony`, `count`, `tokens`, `threads`.
    public static let atLeastOne = Bounds.atLeast(1)
    /// `program`: a General MIDI program.
    public static let program = Bounds.closed(0, 127)
}
