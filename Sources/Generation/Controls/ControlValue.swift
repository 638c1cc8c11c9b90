import Foundation
import Analysis
import MIDIFile

/// The value of one live control: a number (also whole numbers), one of a list of words, a key or a pitch range.
/// ``Controls`` keeps one per ``ControlKey``, of the kind its ``ControlSpec`` names.
public enum ControlValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    /// One of the spec's choices, as listed there.
    case choice(String)
    case key(KeyChoice)
    case pitchRange(PitchRange)

    /// As written in flags, config files and logs: `0.9`, `40`, `hard`, `Ebm`, `C2-C6`.
    public var description: String {
        switch self {
        case .number(let value): Bounds.short(value)
        case .choice(let word): word
        case .key(let key): key.description
        case .pitchRange(let range): range.description
        }
    }
}

/// What `key` steers towards: nothing, a key estimated from the music, or one named.
public enum KeyChoice: Sendable, Hashable, CustomStringConvertible {
    case off
    /// The key of the primer (or of what has been played so far), estimated at each piece's start and held.
    case auto
    case fixed(MusicalKey)

    /// `off`, `auto`, or a key name (`C`, `F#`, `Ebm`).
    public init?(_ text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "off", "none": self = .off
        case "auto": self = .auto
        default:
            guard let key = MusicalKey(name: text) else { return nil }
            self = .fixed(key)
        }
    }

    public var description: String {
        switch self {
        case .off: "off"
        case .auto: "auto"
        case .fixed(let key): key.name
        }
    }
}

/// A span of pitches, both ends included: `C2-C6` (or MIDI numbers, `36-84`).
public struct PitchRange: Sendable, Hashable, CustomStringConvertible {
    public var low: U7
    public var high: U7

    public init(_ low: U7, _ high: U7) {
        precondition(low <= high, "a pitch range runs upwards")
        self.low = low
        self.high = high
    }

    /// Every MIDI pitch.
    public static let all = PitchRange(0, 127)

    /// Why a text is not a pitch range, in words for the control's error.
    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses `LOW-HIGH`, each a note name (`C2`, `F#5`, `Bb-1`) or a MIDI number, or `all`.
    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "all" { self = .all; return }
        // Split at the dash between the two notes (a note's own '-' is an octave sign right after a letter or accidental).
        guard let dash = trimmed.indices.dropFirst().first(where: { trimmed[$0] == "-" && trimmed[trimmed.index(before: $0)].isNumber }) else {
            throw ParseError(description: "\"\(text)\" is not a range LOW-HIGH of notes (e.g. C2-C6)")
        }
        func pitch(_ part: Substring) throws(ParseError) -> U7 {
            let s = String(part)
            if let p = U7(noteName: s) ?? UInt8(s).flatMap({ U7(rawValue: $0) }) { return p }
            throw ParseError(description: "\"\(s)\" in \"\(text)\" is not a note (C-1 … G9, or 0 … 127)")
        }
        let low = try pitch(trimmed[..<dash]), high = try pitch(trimmed[trimmed.index(after: dash)...])
        guard low <= high else {
            throw ParseError(description: "\"\(text)\" runs downwards: the low note \(low.noteName) is above the high note \(high.noteName)")
        }
        self.init(low, high)
    }

    public func contains(_ pitch: Int) -> Bool { pitch >= low.int && pitch <= high.int }

    /// `C2-C6`, or `all` for every pitch.
    public var description: String { self == .all ? "all" : low.noteName + "-" + high.noteName }
}
