import Dispatch

/// `yamg bench preprocess`: how fast folders of MIDI files become a corpus in memory (read, notes, sustain,
/// encode, vocabulary) on the preprocessor's workers. The figure is the fastest pass, the median beside it.
public struct PreprocessBenchmark: Sendable {
    /// The corpus of the last pass.
    public var manifest: CorpusManifest
    /// Seconds of each pass.
    public var passes: [Double]

    public var best: Double { passes.min() ?? 0 }
    public var median: Double { passes.sorted()[passes.count / 2] }
    /// Notes and tokens of both splits.
    public var notes: Int { manifest.train.notes + manifest.val.notes }
    public var tokens: Int { manifest.train.tokens + manifest.val.tokens }

    /// Runs `passes` passes of `preprocessor` over `paths`.
    public static func run(_ preprocessor: Preprocessor, paths: [String], passes count: Int) -> PreprocessBenchmark {
        var passes: [Double] = []
        var corpus: Corpus?
        for _ in 0..<max(1, count) {
            let start = DispatchTime.now().uptimeNanoseconds
            corpus = preprocessor.run(paths: paths)
            passes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return PreprocessBenchmark(manifest: corpus!.manifest, passes: passes)
    }
}
