import Encoding
import Foundation
import Models
import NeuralNet
import Testing

/// The entry points of `yamg eval` and `yamg export`, on an untrained tiny model and the fixture's corpus.
@Suite struct ModelFileEntryTests {
    static let fixture = RunFolderTests.fixture

    /// A corpus folder of the fixture (all of it in training) and a tiny model file on `vocabulary`.
    static func files(vocabulary: Vocabulary = .performance) throws -> (corpus: String, model: String) {
        let folder = NSTemporaryDirectory() + "yamg-entry-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var options = Preprocessor.Options(encoding: .init(kind: .performance))
        options.valFraction = 0
        try Preprocessor(options: options).run(paths: [fixture]).write(to: folder + "/corpus")
        var hyper = Hyperparameters.defaults(for: .lstm)
        (hyper.embed, hyper.hidden, hyper.layers, hyper.seqLen, hyper.batch) = (8, 16, 1, 16, 4)
        let names = vocabulary.names, kind: EncodingParameters.Kind = vocabulary == .performance ? .performance : .combination
        let model = ModelFactory.make(hyper, vocabularySize: names.count)
        var rng = RNG(seed: 1)
        model.initialize(rng: &rng)
        try ModelFile(hyper: hyper, encoding: .init(kind: kind), vocabulary: names).save(model, to: folder + "/m.safetensors")
        return (folder + "/corpus", folder + "/m.safetensors")
    }

    @Test func evaluatesASplitAndRefusesWhatDoesNotFit() throws {
        let (corpus, model) = try Self.files()
        let e = try Evaluation.run(model: model, corpus: corpus, split: .train, maxBatches: 2)
        #expect(e.positions == 2 * 4 * 16 && e.loss > 0 && e.perplexity > 1)
        let empty = #expect(throws: Evaluation.Mismatch.self) { try Evaluation.run(model: model, corpus: corpus, split: .val) }
        #expect(empty?.description == "the val split of \(corpus) is shorter than one batch")
        let other = try Self.files(vocabulary: .combination([try #require(Combination(name: "60* 64*"))]))
        let mismatch = #expect(throws: Evaluation.Mismatch.self) {
            try Evaluation.run(model: other.model, corpus: corpus, split: .train)
        }
        #expect(mismatch?.description.hasPrefix("\(other.model) was trained on another vocabulary") == true)
    }

    @Test func exportWritesALoadableModelInHalfTheSize() throws {
        let (_, model) = try Self.files()
        let full = try ModelFile.export(model, to: model + ".full", halfPrecision: false)
        let half = try ModelFile.export(model, to: model + ".half", halfPrecision: true)
        #expect(full.arch == .lstm && full.parameters == half.parameters && full.parameters > 0)
        #expect(half.bytes < full.bytes && full.bytes > 4 * full.parameters)
        #expect(try ModelFile.load(model + ".half").1.parameterCount == full.parameters)
        #expect(throws: ModelFile.LoadError.self) { try ModelFile.export(model + ".missing", to: model + ".x", halfPrecision: false) }
    }
}
