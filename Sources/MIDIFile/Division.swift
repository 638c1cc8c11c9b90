/// The time base of a file's ticks, from the header's division field.
public enum Division: Sendable, Equatable {
    /// Metrical time: ticks per quarter note; seconds follow the tempo map.
    case ticksPerQuarter(UInt16)
    /// Timecode: frames per second (24, 25, 29 meaning 29.97 drop-frame, or 30) times ticks per frame.
    /// Ticks map to seconds directly; tempo events do not change them.
    case smpte(framesPerSecond: UInt8, ticksPerFrame: UInt8)

    /// The raw 16-bit header field.
    public var headerValue: UInt16 {
        switch self {
        case .ticksPerQuarter(let tpq):
            return tpq & 0x7FFF
        case .smpte(let fps, let tpf):
            // The high byte holds minus the frame rate in two's complement (-25 = 0xE7).
            return UInt16(0 &- fps) << 8 | UInt16(tpf)
        }
    }

    /// Decodes the header field; `nil` for a division that cannot time anything (0 ticks).
    init?(headerValue value: UInt16) {
        if value & 0x8000 == 0 {
            guard value > 0 else { return nil }
            self = .ticksPerQuarter(value)
        } else {
            let fps = 0 &- UInt8(value >> 8)
            let tpf = UInt8(value & 0xFF)
            guard fps > 0, tpf > 0 else { return nil }
            self = .smpte(framesPerSecond: fps, ticksPerFrame: tpf)
        }
    }

    /// Ticks per second for SMPTE division (29 frames means the 29.97 rate of drop-frame timecode).
    public var smpteTicksPerSecond: Double? {
        guard case .smpte(let fps, let tpf) = self else { return nil }
        let frames = fps == 29 ? 30_000.0 / 1001.0 : Double(fps)
        return frames * Double(tpf)
    }
}
