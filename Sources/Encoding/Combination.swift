/// The pitches sounding in one frame of the combination encoding, each marked as struck in this
/// frame or held from the one before. Two 128-bit masks, so comparing and counting are single instructions.
public struct Combination: Sendable, Hashable {
    /// Bit p set: pitch p sounds in this frame.
    public var sounding: UInt128
    /// Bit p set: pitch p is struck (attacked) in this frame; always a subset of `sounding`.
    public var struck: UInt128

    public static let silence = Combination(sounding: 0, struck: 0)
    public static let silenceName = "SILENCE"

    public init(sounding: UInt128, struck: UInt128) {
        self.sounding = sounding
        self.struck = struck & sounding
    }

    public var isSilence: Bool { sounding == 0 }

    public var pitches: [UInt8] { (0..<128).filter { sounding >> $0 & 1 == 1 }.map(UInt8.init) }

    public func isStruck(_ pitch: UInt8) -> Bool { struck >> pitch & 1 == 1 }

    /// `60* 64 67*`: pitches in ascending order, `*` marking the struck ones; `SILENCE` when empty.
    public var name: String {
        isSilence ? Self.silenceName : pitches.map { isStruck($0) ? "\($0)*" : "\($0)" }.joined(separator: " ")
    }

    public init?(name: String) {
        if name == Self.silenceName {
            self = .silence
            return
        }
        var sounding: UInt128 = 0, struck: UInt128 = 0
        let parts = name.split(separator: " ")
        guard !parts.isEmpty else { return nil }
        for part in parts {
            let isStruck = part.hasSuffix("*")
            guard let p = Int(isStruck ? part.dropLast() : part), (0...127).contains(p) else { return nil }
            sounding |= 1 << UInt128(p)
            if isStruck { struck |= 1 << UInt128(p) }
        }
        self.init(sounding: sounding, struck: struck)
    }

    /// How far `self` is from `other`, for mapping a rare combination onto a kept one: dropping a pitch
    /// costs 2, adding one costs 4 (better to lose a note than to invent one), a changed attack mark 1.
    public func distance(to other: Combination) -> Int {
        let dropped = (sounding & ~other.sounding).nonzeroBitCount
        let added = (other.sounding & ~sounding).nonzeroBitCount
        let marks = ((struck ^ other.struck) & sounding & other.sounding).nonzeroBitCount
        return 2 * dropped + 4 * added + marks
    }

    /// The same combination `semitones` higher; pitches that leave 0…127 are dropped.
    public func transposed(by semitones: Int) -> Combination {
        guard semitones != 0 else { return self }
        let shift = { (mask: UInt128) in semitones > 0 ? mask << UInt128(semitones) : mask >> UInt128(-semitones) }
        return Combination(sounding: shift(sounding), struck: shift(struck))
    }
}
