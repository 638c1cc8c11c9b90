import Foundation
import MIDIFile

/// A key: a tonic pitch class and a mode. Named as musicians write keys: `C`, `F#`, `Eb` for major, `Am`, `Ebm`,
/// `C#m` for minor (`Gb` and `F#` name the same key; ``name`` spells each key the way its signature does).
public struct MusicalKey: Sendable, Hashable, CustomStringConvertible {
    public enum Mode: String, Sendable, CaseIterable { case major, minor }

    /// 0 = C … 11 = B.
    public let tonic: Int
    public let mode: Mode

    public init(tonic: Int, mode: Mode) {
        self.tonic = ((tonic % 12) + 12) % 12
        self.mode = mode
    }

    /// The 24 keys, majors then minors, from C.
    public static let all: [MusicalKey] = Mode.allCases.flatMap { mode in (0..<12).map { MusicalKey(tonic: $0, mode: mode) } }

    /// Parses `C`, `F#`, `Bb`, `Am`, `Ebm`, `c#m`, `A minor`, `Eb major`; nil for anything else (`H#`).
    public init?(name text: String) {
        guard let (tonic, rest) = spelledPitchClass(Substring(text.trimmingCharacters(in: .whitespaces))) else { return nil }
        let suffix = rest.trimmingCharacters(in: .whitespaces).lowercased()
        switch suffix {
        case "", "major", "maj": mode = .major
        case "m", "minor", "min": mode = .minor
        default: return nil
        }
        self.tonic = (tonic + 12) % 12
    }

    /// The key whose signature has `sharps` sharps (negative: flats), as a MIDI key-signature event gives it.
    public init(sharps: Int, minor: Bool) {
        let major = ((sharps * 7) % 12 + 12) % 12
        self.init(tonic: minor ? major + 9 : major, mode: minor ? .minor : .major)
    }

    /// Sharps (positive) or flats (negative) of the key signature, −6…5 (F# major and D#m count as 6 flats: Gb, Ebm).
    public var sharps: Int {
        let major = mode == .major ? tonic : (tonic + 3) % 12
        let s = (major * 7) % 12  // C 0, G 1, D 2, … F 11 → -1
        return s > 5 ? s - 12 : s
    }

    /// The major or minor key with the same signature (C ↔ Am).
    public var relative: MusicalKey {
        mode == .major ? MusicalKey(tonic: tonic + 9, mode: .minor) : MusicalKey(tonic: tonic + 3, mode: .major)
    }

    /// The pitch classes of its scale, as bits 0…11 (bit 0 = C): the major scale, or for minor the natural minor
    /// with the raised seventh of harmonic minor, the leading tone minor keys use in cadences.
    public var scale: UInt16 {
        let steps = mode == .major ? Self.majorSteps : Self.minorSteps
        return steps.reduce(0) { $0 | 1 << UInt16((tonic + $1) % 12) }
    }

    public func contains(pitchClass: Int) -> Bool { scale >> UInt16(((pitchClass % 12) + 12) % 12) & 1 == 1 }

    /// `Eb`, `F#m`: sharps or flats as the signature writes them (F# major, not Gb; Ebm, not D#m).
    public var name: String {
        let sharpNames = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
        let flatNames = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"]
        let useFlats = mode == .major ? [1, 3, 5, 8, 10].contains(tonic) : [0, 3, 5, 7, 10].contains(tonic) || sharps < 0
        return (useFlats ? flatNames : sharpNames)[tonic] + (mode == .minor ? "m" : "")
    }

    public var description: String { name }

    static let majorSteps = [0, 2, 4, 5, 7, 9, 11]
    static let minorSteps = [0, 2, 3, 5, 7, 8, 10, 11]
}
