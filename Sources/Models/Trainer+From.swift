import Encoding

extension Trainer {
    /// The model a fine-tuning run starts from: the weights of the file at `path`, which must speak the
    /// corpus's language (same encoding and vocabulary) and have the shape `hyper` asks for.
    static func startingModel(_ path: String, corpus: Corpus, hyper: Hyperparameters) throws -> LanguageModel {
        let (file, model) = try ModelFile.load(path)
        let names = try corpus.vocabulary.names
        func problem(_ text: String) -> ModelFile.LoadError { .init(path: path, problem: text) }
        guard file.encoding.kind == corpus.manifest.encoding.kind else {
            throw problem("it was trained on the \(file.encoding.kind.rawValue) encoding, the corpus uses \(corpus.manifest.encoding.kind.rawValue); fine-tune on a corpus preprocessed with --encoding \(file.encoding.kind.rawValue)")
        }
        guard file.encoding == corpus.manifest.encoding else {
            throw problem("its encoding parameters differ from the corpus's; preprocess with the model's settings")
        }
        guard file.vocabulary == names else {
            throw problem("its vocabulary (\(file.vocabulary.count) tokens) differs from the corpus's (\(names.count)); fine-tuning needs the same tokens")
        }
        for (key, value) in hyper.shape where file.hyper.shape[key] != value {
            throw problem("its \(key) is \(file.hyper.shape[key] ?? "-"), the run asks for \(value); leave the shape flags out to take the model's")
        }
        // The run's batch, sequence length and dropout (the model's shape is the same): a model made for them,
        // holding the loaded weights.
        let run = ModelFactory.make(hyper, vocabularySize: model.vocabularySize)
        for (to, from) in zip(run.parameters, model.parameters) {
            precondition(to.count == from.count, "the same shape gives the same parameters")
            to.values.update(fromContentsOf: from.values)
        }
        return run
    }
}
