/// A 7-bit MIDI data value: a pitch, velocity, controller number, controller value or program, 0–127 by
/// construction (midly's `u7`). Events cross module borders with these, so no layer masks a plain byte.
public struct U7: RawRepresentable, Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public let rawValue: UInt8

    /// Nil above 127.
    public init?(rawValue: UInt8) {
        guard rawValue < 0x80 else { return nil }
        self.rawValue = rawValue
    }

    /// Nil outside 0–127.
    public init?(exactly value: some BinaryInteger) {
        guard value >= 0 && value < 0x80 else { return nil }
        rawValue = UInt8(value)
    }

    /// The nearest value in 0–127 (a velocity scaled past the top stays at the top).
    public init(clamping value: some BinaryInteger) {
        rawValue = UInt8(Swift.min(Swift.max(value, 0), 0x7F))
    }

    /// The low 7 bits, as the MIDI wire (and ALSA's event fields) keep a data byte.
    public init(truncating value: some BinaryInteger) {
        rawValue = UInt8(truncatingIfNeeded: value) & 0x7F
    }

    /// A literal must be in 0–127.
    public init(integerLiteral value: UInt8) {
        precondition(value < 0x80, "a 7-bit MIDI value is 0…127, not \(value)")
        rawValue = value
    }

    public var int: Int { Int(rawValue) }
    public var description: String { rawValue.description }
    public static func < (a: U7, b: U7) -> Bool { a.rawValue < b.rawValue }
}

/// A 4-bit MIDI channel, 0–15 (shown to people as 1–16), by construction (midly's `u4`).
public struct U4: RawRepresentable, Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public let rawValue: UInt8

    /// Nil above 15.
    public init?(rawValue: UInt8) {
        guard rawValue < 0x10 else { return nil }
        self.rawValue = rawValue
    }

    /// Nil outside 0–15.
    public init?(exactly value: some BinaryInteger) {
        guard value >= 0 && value < 0x10 else { return nil }
        rawValue = UInt8(value)
    }

    /// The low 4 bits: the channel of a status byte, or of an ALSA event field.
    public init(truncating value: some BinaryInteger) {
        rawValue = UInt8(truncatingIfNeeded: value) & 0x0F
    }

    /// A literal must be in 0–15.
    public init(integerLiteral value: UInt8) {
        precondition(value < 0x10, "a MIDI channel is 0…15, not \(value)")
        rawValue = value
    }

    public var int: Int { Int(rawValue) }
    public var description: String { rawValue.description }
    public static func < (a: U4, b: U4) -> Bool { a.rawValue < b.rawValue }
}

extension BinaryInteger {
    /// The value of a 7-bit field as a plain integer (`Int32(pitch)` for a C call).
    public init(_ value: U7) { self.init(value.rawValue) }
    /// The channel as a plain integer, 0–15.
    public init(_ value: U4) { self.init(value.rawValue) }
}
