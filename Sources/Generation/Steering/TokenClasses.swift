import Encoding

/// What steering needs to know of each token of a vocabulary, worked out once: which ids strike or release which
/// pitch, and for the combination encoding which pitches each frame strikes and holds.
struct TokenClasses {
    /// Per pitch, the NOTE_ON id (performance encoding; -1 where the vocabulary has none).
    var noteOn = [Int](repeating: -1, count: 128)
    /// Per pitch, the NOTE_OFF id.
    var noteOff = [Int](repeating: -1, count: 128)
    /// Frames (combination encoding): id, pitches struck, pitches sounding (struck or held).
    var frames: [(id: Int, struck: UInt128, sounding: UInt128)] = []
    /// Number of pitches each frame strikes and holds, parallel to `frames`.
    var struckCount: [Float] = [], soundingCount: [Float] = []
    var pieceStart: Int

    init(_ vocabulary: Vocabulary) {
        pieceStart = vocabulary.pieceStart
        for (id, token) in vocabulary.tokens.enumerated() {
            switch token {
            case .noteOn(let p): noteOn[Int(p)] = id
            case .noteOff(let p): noteOff[Int(p)] = id
            case .frame(let c):
                let struck = c.sounding & c.struck
                frames.append((id, struck, c.sounding))
                struckCount.append(Float(struck.nonzeroBitCount))
                soundingCount.append(Float(c.sounding.nonzeroBitCount))
            default: break
            }
        }
    }

    /// Every MIDI pitch of the given pitch classes (bit 0 = C), as a 128-bit set.
    static func pitches(ofClasses classes: UInt16) -> UInt128 {
        var set: UInt128 = 0
        for p in 0..<128 where classes >> UInt16(p % 12) & 1 == 1 { set |= 1 << UInt128(p) }
        return set
    }

    /// The pitches of a range, as a 128-bit set.
    static func pitches(in range: PitchRange) -> UInt128 {
        var set: UInt128 = 0
        for p in range.low.int...range.high.int { set |= 1 << UInt128(p) }
        return set
    }
}
