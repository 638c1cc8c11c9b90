/// A meta event decoded into a typed value. Text is kept as bytes: files use Latin-1, Shift-JIS,
/// GBK and UTF-8 alike, and no encoding can be assumed.
public enum MetaEvent: Sendable, Equatable {
    case sequenceNumber(UInt16)
    /// FF 01–0F: text, copyright, track name, instrument name, lyric, marker, cue point, …
    case text(TextKind, [UInt8])
    case channelPrefix(UInt8)
    case port(UInt8)
    case endOfTrack
    case tempo(microsecondsPerQuarter: UInt32)
    case smpteOffset(hours: UInt8, minutes: UInt8, seconds: UInt8, frames: UInt8, subframes: UInt8)
    /// The denominator is a power of two: 2 means quarter notes.
    case timeSignature(numerator: UInt8, denominatorPower: UInt8, clocksPerClick: UInt8, thirtySecondsPerQuarter: UInt8)
    case keySignature(sharps: Int8, minor: Bool)
    case sequencerSpecific([UInt8])
    /// A meta type this reader does not know, or a known type whose length is wrong.
    case other(type: UInt8, [UInt8])

    public enum TextKind: UInt8, Sendable {
        case text = 1, copyright, trackName, instrumentName, lyric, marker, cuePoint, programName, deviceName
        case otherText = 0x0F
    }

    /// Decodes a meta event of `type` from its data bytes.
    public init<Bytes: Collection<UInt8>>(type: UInt8, data: Bytes) {
        let b = Array(data)
        switch (type, b.count) {
        case (0x00, 2): self = .sequenceNumber(UInt16(b[0]) << 8 | UInt16(b[1]))
        case (0x01...0x0F, _): self = .text(TextKind(rawValue: type) ?? .otherText, b)
        case (0x20, 1): self = .channelPrefix(b[0])
        case (0x21, 1): self = .port(b[0])
        case (0x2F, _): self = .endOfTrack
        case (0x51, 3): self = .tempo(microsecondsPerQuarter: UInt32(b[0]) << 16 | UInt32(b[1]) << 8 | UInt32(b[2]))
        case (0x54, 5): self = .smpteOffset(hours: b[0], minutes: b[1], seconds: b[2], frames: b[3], subframes: b[4])
        case (0x58, 4): self = .timeSignature(numerator: b[0], denominatorPower: b[1], clocksPerClick: b[2],
                                               thirtySecondsPerQuarter: b[3])
        case (0x59, 2): self = .keySignature(sharps: Int8(bitPattern: b[0]), minor: b[1] != 0)
        case (0x7F, _): self = .sequencerSpecific(b)
        default: self = .other(type: type, b)
        }
    }

    /// The meta type byte and data bytes, as written to a file.
    public var encoded: (type: UInt8, data: [UInt8]) {
        switch self {
        case .sequenceNumber(let n): return (0x00, [UInt8(n >> 8), UInt8(n & 0xFF)])
        case .text(let kind, let bytes): return (kind.rawValue, bytes)
        case .channelPrefix(let c): return (0x20, [c])
        case .port(let p): return (0x21, [p])
        case .endOfTrack: return (0x2F, [])
        case .tempo(let us): return (0x51, [UInt8(us >> 16 & 0xFF), UInt8(us >> 8 & 0xFF), UInt8(us & 0xFF)])
        case .smpteOffset(let h, let m, let s, let f, let sf): return (0x54, [h, m, s, f, sf])
        case .timeSignature(let n, let d, let c, let t): return (0x58, [n, d, c, t])
        case .keySignature(let sharps, let minor): return (0x59, [UInt8(bitPattern: sharps), minor ? 1 : 0])
        case .sequencerSpecific(let bytes): return (0x7F, bytes)
        case .other(let type, let bytes): return (type, bytes)
        }
    }
}
