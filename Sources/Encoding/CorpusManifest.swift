/// `corpus.json`: everything needed to use a corpus's `train.npy`/`val.npy` without YAMG — the
/// encoding, the vocabulary as token names in id order, counts, per-file statistics and every
/// skipped file with its reason.
public struct CorpusManifest: Sendable, Codable, Equatable {
    public static let currentFormatVersion = 1

    public struct Split: Sendable, Codable, Equatable {
        public var files = 0
        /// Pieces, counting each transposition of a file as one.
        public var pieces = 0
        public var tokens = 0
        public var notes = 0
        /// Seconds of music, counting each file once.
        public var seconds = 0.0
    }

    public struct FileStats: Sendable, Codable, Equatable {
        public var path: String
        public var split: String
        /// FNV-1a 64 of the file's bytes, which decides its split.
        public var contentHash: String
        public var notes: Int
        public var seconds: Double
        /// Tokens of the untransposed piece.
        public var tokens: Int
    }

    public struct Skipped: Sendable, Codable, Equatable {
        public var path: String
        public var reason: String
    }

    public struct Options: Sendable, Codable, Equatable {
        public var valFraction: Double
        public var transpose: [Int]
        public var minCount: Int
        public var tracks: String?
        public var sustain: Bool
    }

    /// What `--min-count` changed (combination only).
    public struct RareCombinations: Sendable, Codable, Equatable {
        public var rule: String
        public var mappedCombinations: Int
        public var changedFrames: Int
        public var totalFrames: Int
    }

    public var formatVersion = currentFormatVersion
    public var createdBy: String
    public var encoding: EncodingParameters
    public var options: Options
    /// numpy dtype of the token files: `uint16` or `uint32`.
    public var tokenDtype: String
    public var vocabulary: [String]
    public var train = Split()
    public var val = Split()
    public var transposedNotesDropped = 0
    public var rareCombinations: RareCombinations?
    public var files: [FileStats] = []
    public var skipped: [Skipped] = []
}
