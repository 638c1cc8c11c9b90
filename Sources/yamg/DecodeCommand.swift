import ArgumentParser
import Encoding
import Foundation
import MIDIFile

/// `yamg decode TOKENS -o out.mid`: tokens back to a MIDI file.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Turn tokens (text, one name per line; a JSON array of names; or a .npy with --corpus) into a MIDI file."
    )

    @Argument(help: "The tokens: a text file (one name per line), a JSON array of names, or a .npy of ids.")
    var tokens: String

    @Option(name: [.short, .customLong("output")], help: "The MIDI file to write.")
    var output: String

    @Option(help: "The corpus whose vocabulary (and encoding parameters) the .npy ids refer to.")
    var corpus: String?

    @OptionGroup var encodingOptions: EncodingOptions

    @Option(help: "General MIDI program of the part (0 = acoustic grand piano).")
    var program: U7 = 0

    func run() throws {
        var parameters = encodingOptions.parameters
        let vocabulary: Vocabulary
        let ids: [Int]
        if tokens.lowercased().hasSuffix(".npy") {
            guard let corpus else { throw ValidationError("a .npy of token ids needs --corpus DIR for its vocabulary") }
            let loaded = try Corpus(contentsOf: corpus)
            vocabulary = try loaded.vocabulary
            parameters = loaded.manifest.encoding
            ids = try NPY.read(tokens).map(Int.init)
            if let bad = ids.first(where: { $0 >= vocabulary.count }) {
                throw ValidationError("\(tokens): token id \(bad) is outside the vocabulary of \(vocabulary.count) in \(corpus)")
            }
        } else {
            guard let data = FileManager.default.contents(atPath: tokens) else {
                throw ValidationError("cannot read \(tokens)")
            }
            let names = try Self.names(in: String(decoding: data, as: UTF8.self), file: tokens)
            vocabulary = try Vocabulary(names: Array(Set(names)).sorted())
            let index = Dictionary(uniqueKeysWithValues: vocabulary.names.enumerated().map { ($1, $0) })
            ids = names.map { index[$0]! }
        }
        let events = Decoder.events(of: ids, vocabulary: vocabulary, parameters: parameters)
        let midi = StandardMIDIFile(events: events, program: program)
        try Data(midi.serialized()).write(to: URL(fileURLWithPath: output), options: .atomic)
        let notes = events.filter { if case .noteOn = $0.kind { true } else { false } }.count
        print("\(output): \(notes) notes, \(String(format: "%.2f", events.last?.time ?? 0)) s, from \(ids.count) tokens")
    }

    /// Token names from text (one per line) or a JSON array; the error names the first bad one and where.
    static func names(in text: String, file: String) throws -> [String] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let names: [String]
        if trimmed.hasPrefix("[") {
            guard let array = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String] else {
                throw ValidationError("\(file): not a JSON array of token names")
            }
            names = array
        } else {
            names = trimmed.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let (i, bad) = names.enumerated().first(where: { Token(name: $0.element) == nil }) {
            throw ValidationError("\(file): token \(i + 1), '\(bad)', is not a token name")
        }
        return names
    }
}
