import Foundation
import MIDIFile

/// Which tracks to take notes from (`--tracks`): a comma-separated list of track indices (`2`),
/// programs (`program:0`) or track names (`Piano`, case-insensitive). A note is taken when its track
/// or its program matches any entry.
public struct TrackSelector: Sendable, Equatable {
    public enum Entry: Sendable, Equatable {
        case index(Int)
        case program(UInt8)
        case name(String)
    }

    public var entries: [Entry]

    public struct ParseError: Error, CustomStringConvertible {
        public var text: String
        public var description: String { "--tracks: '\(text)' is not a track index, program:N (0–127) or a name" }
    }

    public init(parsing text: String) throws(ParseError) {
        var entries: [Entry] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            if let index = Int(part) {
                guard index >= 0 else { throw ParseError(text: part) }
                entries.append(.index(index))
            } else if part.lowercased().hasPrefix("program:") {
                guard let p = Int(part.dropFirst(8)), (0...127).contains(p) else { throw ParseError(text: part) }
                entries.append(.program(UInt8(p)))
            } else {
                entries.append(.name(part.lowercased()))
            }
        }
        guard !entries.isEmpty else { throw ParseError(text: text) }
        self.entries = entries
    }

    func takes(_ note: Note, trackName: String?) -> Bool {
        entries.contains { entry in
            switch entry {
            case .index(let i): note.track == i
            case .program(let p): note.program == p
            case .name(let n): trackName == n
            }
        }
    }
}
