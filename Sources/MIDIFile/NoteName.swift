import Foundation

/// Pitch names as musicians write them: scientific pitch notation, where 60 is C4.
extension U7 {
    /// Parses `C4`, `F#3`, `Bb-1`, `c#4` (letter, optional `#`/`b`, octave −1…9); nil for anything else or a pitch
    /// outside 0…127 (`G9` is 127, `G#9` is not a MIDI pitch).
    public init?(noteName text: String) {
        guard let (pitchClass, rest) = spelledPitchClass(Substring(text.trimmingCharacters(in: .whitespaces))) else { return nil }
        guard !rest.isEmpty, rest.allSatisfy({ $0.isNumber || $0 == "-" }), let octave = Int(rest), (-1...9).contains(octave) else {
            return nil
        }
        self.init(exactly: (octave + 1) * 12 + pitchClass)
    }

    /// `C4` for 60: sharps for the black keys, as `noteName` writes them.
    public var noteName: String { MIDIFile.noteName(rawValue) }
}

/// Reads a spelled pitch class at the start of `text`: a letter (either case) and an optional `#` or `b`. Returns its
/// semitones above C (−1 for Cb … 12 for B#, left for the caller to wrap or to count in octaves) and what follows;
/// nil when `text` does not start with a note letter. Note names and key names both start this way.
public func spelledPitchClass(_ text: Substring) -> (semitones: Int, rest: Substring)? {
    guard let letter = text.first?.uppercased().first, let step = letterSteps[letter] else { return nil }
    let rest = text.dropFirst()
    switch rest.first {
    case "#": return (step + 1, rest.dropFirst())
    case "b": return (step - 1, rest.dropFirst())
    default: return (step, rest)
    }
}

/// Semitones above C of each note letter.
private let letterSteps: [Character: Int] = ["C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11]
