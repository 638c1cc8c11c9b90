import Foundation
import MIDIFile

/// Tokens read back from a file for `yamg decode`: a text file of names (one a line), a JSON array of names,
/// or a `.npy` of ids with the corpus whose vocabulary and encoding give them meaning.
public struct TokenFile {
    /// A token file that cannot be used, in one line naming it and the problem.
    public struct Error: Swift.Error, CustomStringConvertible {
        public var description: String
    }

    public var ids: [Int]
    public var vocabulary: Vocabulary
    /// The corpus's encoding for `.npy` ids; nil for names, whose encoding is the caller's to say.
    public var parameters: EncodingParameters?

    /// Reads `path`; a `.npy` needs `corpus`. Problems with the tokens throw `Error`; a corpus or `.npy`
    /// that cannot be read throws its own error.
    public init(path: String, corpus: String?) throws {
        if path.lowercased().hasSuffix(".npy") {
            guard let corpus else { throw Error(description: "a .npy of token ids needs --corpus DIR for its vocabulary") }
            let loaded = try Corpus(contentsOf: corpus)
            vocabulary = try loaded.vocabulary
            parameters = loaded.manifest.encoding
            ids = try NPY.read(path).map(Int.init)
            if let bad = ids.first(where: { $0 >= vocabulary.count }) {
                throw Error(description: "\(path): token id \(bad) is outside the vocabulary of \(vocabulary.count) in \(corpus)")
            }
        } else {
            guard let data = FileManager.default.contents(atPath: path) else { throw Error(description: "cannot read \(path)") }
            let names = try Self.names(in: String(decoding: data, as: UTF8.self), file: path)
            vocabulary = try Vocabulary(names: Array(Set(names)).sorted())
            let index = Dictionary(uniqueKeysWithValues: vocabulary.names.enumerated().map { ($1, $0) })
            ids = names.map { index[$0]! }
        }
    }

    /// Token names from text (one per line) or a JSON array; the error names the first bad one and where.
    public static func names(in text: String, file: String) throws(Error) -> [String] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let names: [String]
        if trimmed.hasPrefix("[") {
            guard let array = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String] else {
                throw Error(description: "\(file): not a JSON array of token names")
            }
            names = array
        } else {
            names = trimmed.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let (i, bad) = names.enumerated().first(where: { Token(name: $0.element) == nil }) {
            throw Error(description: "\(file): token \(i + 1), '\(bad)', is not a token name")
        }
        return names
    }
}

extension TokenFile {
    /// What `decode` wrote.
    public struct Decoded: Sendable {
        public var notes: Int
        /// The time of the last event.
        public var seconds: Double
        public var tokens: Int
    }

    /// `yamg decode`'s entry: the tokens in `path` as a one-part MIDI file at `output` (written atomically),
    /// in the corpus's encoding for a `.npy`, else in `parameters`.
    public static func decode(_ path: String, corpus: String?, parameters: EncodingParameters, program: U7,
                              to output: String) throws -> Decoded {
        let tokens = try TokenFile(path: path, corpus: corpus)
        let events = Decoder.events(of: tokens.ids, vocabulary: tokens.vocabulary, parameters: tokens.parameters ?? parameters)
        let midi = StandardMIDIFile(events: events, program: program)
        try Data(midi.serialized()).write(to: URL(fileURLWithPath: output), options: .atomic)
        let notes = events.filter { if case .noteOn = $0.kind { true } else { false } }.count
        return Decoded(notes: notes, seconds: events.last?.time ?? 0, tokens: tokens.ids.count)
    }
}
