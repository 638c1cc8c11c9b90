import Encoding

extension Evaluation {
    public enum Split: String, Sendable, CaseIterable {
        case train, val
    }

    /// A model and corpus that cannot be evaluated together: another vocabulary, or too few tokens.
    public struct Mismatch: Error, CustomStringConvertible {
        public var description: String
    }

    /// `yamg eval`'s entry: the model file at `model` evaluated on a split of the corpus folder `corpus`
    /// (the first `maxBatches` batches, or all). Throws `Mismatch` when the model was trained on another
    /// vocabulary or the split is shorter than one batch; a file that cannot be read throws its own error.
    public static func run(model: String, corpus: String, split: Split, maxBatches: Int? = nil) throws -> Evaluation {
        let (file, network) = try ModelFile.load(model)
        let data = try Corpus(contentsOf: corpus)
        guard data.manifest.vocabulary == file.vocabulary else {
            throw Mismatch(description: "\(model) was trained on another vocabulary (\(file.vocabulary.count) tokens) than "
                           + "\(corpus) (\(data.manifest.vocabulary.count))")
        }
        let tokens = (split == .val ? data.val : data.train).map { Int32($0) }
        let e = run(network, tokens: tokens, maxBatches: maxBatches)
        guard e.positions > 0 else { throw Mismatch(description: "the \(split.rawValue) split of \(corpus) is shorter than one batch") }
        return e
    }
}
