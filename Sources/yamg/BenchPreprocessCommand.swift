import ArgumentParser
import Encoding
import Foundation

/// `yamg bench preprocess PATH…`: how fast folders of MIDI files become a corpus in memory, on `--jobs`
/// workers (`PreprocessBenchmark`).
struct BenchPreprocessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preprocess",
        abstract: "Preprocess folders of MIDI files in memory N times; print notes/s."
    )

    @Argument(help: "Folders (or files) of MIDI files.")
    var paths: [String]

    @OptionGroup var encodingOptions: EncodingOptions

    @Option(help: "Parallel workers (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "How many passes.")
    var `repeat` = 3

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1, got \(`repeat`)") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    func run() throws {
        var options = Preprocessor.Options(encoding: encodingOptions.parameters)
        options.jobs = jobs
        options.minCount = Preprocessor.defaultMinCount(for: encodingOptions.encoding)
        let b = PreprocessBenchmark.run(Preprocessor(options: options), paths: paths, passes: `repeat`)
        let m = b.manifest
        guard !m.files.isEmpty else { throw ValidationError("no usable MIDI files under \(paths.joined(separator: ", "))") }
        let notes = b.notes, tokens = b.tokens, best = b.best, median = b.median
        print("files  skipped  notes     tokens     best s   median s  notes/s")
        print(String(format: "%-6d %-8d %-9d %-10d %-8.3f %-9.3f %.0f", m.files.count, m.skipped.count, notes, tokens,
                     best, median, Double(notes) / best))
        print(String(format: "RESULT {\"files\": %d, \"notes\": %d, \"tokens\": %d, \"seconds\": %.4f, \"seconds_median\": %.4f, "
                     + "\"notes_per_s\": %.0f, \"encoding\": \"%@\", \"jobs\": %d}",
                     m.files.count, notes, tokens, best, median, Double(notes) / best, m.encoding.kind.rawValue, jobs))
    }
}
