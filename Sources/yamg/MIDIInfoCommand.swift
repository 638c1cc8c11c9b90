import ArgumentParser
import MIDIFile

/// `yamg midi info FILE…`: a short human summary per file.
struct MIDIInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Summarize MIDI files: format, tracks, notes, pitch range, duration, tempo, warnings."
    )

    @Argument(help: "MIDI files to summarize.")
    var files: [String]

    func run() throws {
        var failed = 0
        for (index, path) in files.enumerated() {
            if index > 0 { print() }
            do {
                print(try StandardMIDIFile(contentsOf: path).summary(file: path))
            } catch {
                printError("error: \(error)")
                failed += 1
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
