import ArgumentParser
import Basics
import MIDIFile

/// `yamg midi dump FILE --json`: everything the reader extracts, in the reference parsers' JSON shape.
struct MIDIDumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print a MIDI file's events, or with --json its notes, tempo map and warnings as JSON."
    )

    @Argument(help: "The MIDI file.")
    var file: String

    @Flag(help: "Print JSON: format, division, tracks, notes, tempo changes, time signatures, duration, warnings.")
    var json = false

    func run() throws {
        let midi: StandardMIDIFile
        do {
            midi = try StandardMIDIFile(contentsOf: file)
        } catch {
            if json {
                print("{\"file\": \(jsonString(file)), \"error\": \(jsonString(error.description))}")
            } else {
                printError("error: \(error)")
            }
            throw ExitCode(1)
        }
        print(json ? midi.dumpJSON(file: file) : midi.eventListing())
    }
}
