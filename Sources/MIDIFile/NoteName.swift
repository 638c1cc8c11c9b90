import Foundation

/// Pitch names as musicians write them: scientific pitch notation, where 60 is C4.
extension U7 {
    /// Parses `C4`, `F#3`, `Bb-1`, `c#4` (letter, optional `#`/`b`, octave −1…9); nil for anything else or a pitch
    /// outside 0…127 (`G9` is 127, `G#9` is not a MIDI pitch).
    public init?(noteName text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard let letter = rest.first?.uppercased(), let step = Self.letterSteps[letter] else { return nil }
        rest = rest.dropFirst()
        var pitchClass = step
        if rest.first == "#" { pitchClass += 1; rest = rest.dropFirst() } else if rest.first == "b" { pitchClass -= 1; rest = rest.dropFirst() }
        guard !rest.isEmpty, rest.allSatisfy({ $0.isNumber || $0 == "-" }), let octave = Int(rest), (-1...9).contains(octave) else {
            return nil
        }
        self.init(exactly: (octave + 1) * 12 + pitchClass)
    }

    /// `C4` for 60: sharps for the black keys, as `noteName` writes them.
    public var noteName: String { MIDIFile.noteName(rawValue) }

    static let letterSteps: [String: Int] = ["C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11]
}
