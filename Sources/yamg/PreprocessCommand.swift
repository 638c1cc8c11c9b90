import ArgumentParser
import Encoding
import Foundation

/// `yamg preprocess PATH… -o CORPUS`: a folder of MIDI files → a token corpus.
struct PreprocessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preprocess",
        abstract: "Turn folders of MIDI files into a token corpus (train.npy, val.npy, corpus.json)."
    )

    @Argument(help: "MIDI files or folders (searched recursively for .mid .midi .kar .rmi .smf).")
    var paths: [String]

    @Option(name: [.short, .customLong("output")], help: "The corpus folder to write (replaced atomically).")
    var output: String

    @OptionGroup var encodingOptions: EncodingOptions

    @Option(help: "Fraction of files (chosen by content hash) kept for validation.")
    var valFraction = 0.1

    @Option(parsing: .unconditional, help: "Transpose the training files by each of these semitones, e.g. -5..6 (validation is never transposed).")
    var transpose = "0"

    @Option(help: "Parallel workers (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Take notes only from these tracks: indices, program:N or names, comma-separated.")
    var tracks: String?

    @Option(help: "Combination encoding: map combinations seen fewer than N times in training to the nearest kept one (default 20).")
    var minCount: Int?

    @Flag(help: "Ignore the sustain pedal (CC 64).")
    var noSustain = false

    func validate() throws {
        guard (0..<1).contains(valFraction) else { throw ValidationError("--val-fraction must be in [0, 1), got \(valFraction)") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if let minCount, minCount < 1 { throw ValidationError("--min-count must be at least 1, got \(minCount)") }
        _ = try parseTranspose()
        if let tracks { _ = try TrackSelector(parsing: tracks) }
    }

    /// `-5..6` or a single number.
    func parseTranspose() throws -> ClosedRange<Int> {
        let parts = transpose.components(separatedBy: "..")
        guard parts.count <= 2, let low = Int(parts[0]), let high = Int(parts.last!), low <= high, low >= -24, high <= 24 else {
            throw ValidationError("--transpose must be a semitone range like -5..6 (within -24..24), got '\(transpose)'")
        }
        return low...high
    }

    func run() throws {
        var options = Preprocessor.Options(encoding: encodingOptions.parameters)
        options.valFraction = valFraction
        options.transpose = try parseTranspose()
        options.jobs = jobs
        options.tracks = try tracks.map { try TrackSelector(parsing: $0) }
        options.tracksText = tracks
        options.minCount = minCount ?? Preprocessor.defaultMinCount(for: options.encoding.kind)
        options.sustain = !noSustain
        let progress = Progress("encoding")
        let start = Date()
        let written = Result { try Preprocessor(options: options).run(paths: paths, writingTo: output, progress: progress.update) }
        progress.finish()
        let corpus: Corpus
        do { corpus = try written.get() } catch let error as Preprocessor.NothingUsable {
            printError("error: \(error)")
            for s in error.skipped.prefix(20) { printError("  skipped \(s.path): \(s.reason)") }
            throw ExitCode(1)
        }
        print(CorpusReport(manifest: corpus.manifest).summary(folder: output, seconds: Date().timeIntervalSince(start)))
    }
}
