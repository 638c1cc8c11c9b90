import ArgumentParser
import Foundation
import MIDIFile

/// `yamg bench parse DIR…`: how fast files are read from bytes in memory into notes with times.
///
/// Files are loaded once; each pass parses every file and pairs its notes (ticks, seconds and
/// programs), on one thread. The figure is the fastest pass, the median beside it.
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
        let files = MIDIFileFinder.files(under: paths)
        guard !files.isEmpty else { throw ValidationError("no MIDI files under \(paths.joined(separator: ", "))") }
        let contents = files.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
        let bytes = contents.reduce(0) { $0 + $1.count }

        var passes: [Double] = []
        var notes = 0, failed = 0
        for _ in 0..<`repeat` {
            notes = 0
            failed = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for data in contents {
                if let file = try? StandardMIDIFile(bytes: data) {
                    notes += file.notes().notes.count
                } else {
                    failed += 1
                }
            }
            passes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let best = passes.min()!
        let median = passes.sorted()[passes.count / 2]
        print("files  notes      MB     best s   median s  notes/s     MB/s")
        print(String(format: "%-6d %-10d %-6.2f %-8.4f %-9.4f %-11.0f %.1f", contents.count, notes,
                     Double(bytes) / 1e6, best, median, Double(notes) / best, Double(bytes) / 1e6 / best))
        if failed > 0 { print("(\(failed) files could not be read)") }
        print(String(format: "RESULT {\"files\": %d, \"notes\": %d, \"bytes\": %d, \"seconds\": %.6f, "
                     + "\"seconds_median\": %.6f, \"notes_per_s\": %.0f, \"mb_per_s\": %.2f, \"repeat\": %d}",
                     contents.count, notes, bytes, best, median, Double(notes) / best,
                     Double(bytes) / 1e6 / best, `repeat`))
    }
}
