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
        let decoded: TokenFile.Decoded
        do {
            decoded = try TokenFile.decode(tokens, corpus: corpus, parameters: encodingOptions.parameters, program: program,
                                           to: output)
        } catch let error as TokenFile.Error {
            throw ValidationError(error.description)
        }
        print("\(output): \(decoded.notes) notes, \(String(format: "%.2f", decoded.seconds)) s, from \(decoded.tokens) tokens")
    }
}
