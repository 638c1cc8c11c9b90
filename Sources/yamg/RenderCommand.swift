import Analysis
import ArgumentParser
import Foundation
import MIDIFile

/// `yamg render FILE.mid -o roll.svg`: a piano-roll picture of any MIDI file.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Draw a MIDI file as a piano roll (SVG).")

    @Argument(help: "The MIDI file.") var file: String
    @Option(name: [.short, .customLong("output")], help: "The SVG file to write.") var output: String

    func run() throws {
        let midi = try readMIDIOrExit(file)
        let notes = midi.notes().notes
        try PianoRoll.svg(notes, title: (file as NSString).lastPathComponent).write(toFile: output, atomically: true, encoding: .utf8)
        print("\(output): \(notes.count) notes")
    }
}
