extension Preprocessor {
    /// No file under the paths gave notes, so there is no corpus to write.
    public struct NothingUsable: Error, CustomStringConvertible {
        public var paths: [String]
        public var skipped: [CorpusManifest.Skipped]
        public var description: String {
            "no usable MIDI files under \(paths.joined(separator: ", ")) (\(skipped.count) skipped)"
        }
    }

    /// `--min-count` when not given: combination frames seen fewer than 20 times map to a kept one; the
    /// performance encoding's vocabulary is fixed, so 1.
    public static func defaultMinCount(for kind: EncodingParameters.Kind) -> Int {
        kind == .combination ? 20 : 1
    }

    /// `yamg preprocess`'s entry: encodes the files under `paths` and writes the corpus to `folder` (replacing
    /// it atomically); throws `NothingUsable`, writing nothing, when no file gave notes.
    public func run(paths: [String], writingTo folder: String,
                    progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws -> Corpus {
        let corpus = run(paths: paths, progress: progress)
        guard !corpus.manifest.files.isEmpty else { throw NothingUsable(paths: paths, skipped: corpus.manifest.skipped) }
        try corpus.write(to: folder)
        return corpus
    }
}
