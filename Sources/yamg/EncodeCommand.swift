import ArgumentParser
import Basics
import Encoding

/// `yamg encode FILE.mid`: a file's tokens by name, one per line (or a JSON array).
struct EncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Print the tokens of a MIDI file by name (NOTE_ON_60, TIME_SHIFT_250ms, 60* 64 67*, …)."
    )

    @Argument(help: "The MIDI file.")
    var file: String

    @OptionGroup var encodingOptions: EncodingOptions

    @Option(help: "Take notes only from these tracks: indices, program:N or names, comma-separated.")
    var tracks: String?

    @Flag(help: "Ignore the sustain pedal (CC 64).")
    var noSustain = false

    @Flag(help: "Print a JSON array of token names.")
    var json = false

    func run() throws {
        let selector = try tracks.map { try TrackSelector(parsing: $0) }
        let midi = try readMIDIOrExit(file)
        let tokens = NoteEncoder.piece(of: midi, parameters: encodingOptions.parameters, tracks: selector, sustain: !noSustain)
        let names = tokens.map(\.name)
        print(json ? "[" + names.map(jsonString).joined(separator: ", ") + "]" : names.joined(separator: "\n"))
    }
}
