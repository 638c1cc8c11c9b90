import ArgumentParser
import Foundation
import MIDIFile

/// `yamg bench parse DIR…`: how fast files are read from bytes in memory into notes with times
/// (`ParseBenchmark`).
struct BenchParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse every MIDI file under the folders N times; print notes/s and MB/s."
    )

    @Argument(help: "Folders (or files) of MIDI files.")
    var paths: [String]

    @Option(help: "How many passes over all files.")
    var `repeat` = 10

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1, got \(`repeat`)") }
    }

    func run() throws {
        guard let b = ParseBenchmark.run(paths: paths, passes: `repeat`) else {
            throw ValidationError("no MIDI files under \(paths.joined(separator: ", "))")
        }
        print("files  notes      MB     best s   median s  notes/s     MB/s")
        print(String(format: "%-6d %-10d %-6.2f %-8.4f %-9.4f %-11.0f %.1f", b.files, b.notes,
                     Double(b.bytes) / 1e6, b.best, b.median, Double(b.notes) / b.best, Double(b.bytes) / 1e6 / b.best))
        if b.failed > 0 { print("(\(b.failed) files could not be read)") }
        print(String(format: "RESULT {\"files\": %d, \"notes\": %d, \"bytes\": %d, \"seconds\": %.6f, "
                     + "\"seconds_median\": %.6f, \"notes_per_s\": %.0f, \"mb_per_s\": %.2f, \"repeat\": %d}",
                     b.files, b.notes, b.bytes, b.best, b.median, Double(b.notes) / b.best,
                     Double(b.bytes) / 1e6 / b.best, `repeat`))
    }
}
