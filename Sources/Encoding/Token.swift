import MIDIFile

/// What a token means, whichever encoding it comes from. Token names are self-describing
/// (`NOTE_ON_60`, `TIME_SHIFT_250ms`, `VELOCITY_66`, `60* 64 67*`), so meanings follow from names alone.
public enum Token: Sendable, Hashable {
    case pieceStart
    case pieceEnd
    /// Performance encoding: a key goes down, at the current velocity.
    case noteOn(UInt8)
    case noteOff(UInt8)
    /// Performance encoding: the clock moves on by `steps` × 10 ms (1…100).
    case timeShift(Int)
    /// Performance encoding: the velocity of the following note-ons.
    case velocity(UInt8)
    /// Combination encoding: one frame of sounding pitches, each struck in this frame or held.
    case frame(Combination)

    /// The combination of a frame token; nil for every other kind.
    public var frame: Combination? { if case .frame(let c) = self { c } else { nil } }

    public static let pieceStartName = "PIECE_START"
    public static let pieceEndName = "PIECE_END"

    public var name: String {
        switch self {
        case .pieceStart: Self.pieceStartName
        case .pieceEnd: Self.pieceEndName
        case .noteOn(let p): "NOTE_ON_\(p)"
        case .noteOff(let p): "NOTE_OFF_\(p)"
        case .timeShift(let steps): "TIME_SHIFT_\(steps * 10)ms"
        case .velocity(let v): "VELOCITY_\(v)"
        case .frame(let c): c.name
        }
    }

    /// Parses a token name; `nil` if it is not one.
    public init?(name: String) {
        func number(after prefix: String, suffix: String = "") -> Int? {
            guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
            return Int(name.dropFirst(prefix.count).dropLast(suffix.count))
        }
        if name == Self.pieceStartName { self = .pieceStart }
        else if name == Self.pieceEndName { self = .pieceEnd }
        else if let p = number(after: "NOTE_ON_"), (0...127).contains(p) { self = .noteOn(UInt8(p)) }
        else if let p = number(after: "NOTE_OFF_"), (0...127).contains(p) { self = .noteOff(UInt8(p)) }
        else if let ms = number(after: "TIME_SHIFT_", suffix: "ms"), ms % 10 == 0, (1...100).contains(ms / 10) {
            self = .timeShift(ms / 10)
        }
        else if let v = number(after: "VELOCITY_"), (1...127).contains(v) { self = .velocity(UInt8(v)) }
        else if let c = Combination(name: name) { self = .frame(c) }
        else { return nil }
    }
}
