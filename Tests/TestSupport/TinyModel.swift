import Encoding
import Foundation
import Generation
import Models
import NeuralNet

/// A small lstm trained here in a few seconds on the Bach chorales, saved as a model file: real weights for the
/// generation and performance tests, small enough that hours of simulated performance take seconds.
public enum TinyModel {
    public static let repo: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    nonisolated(unsafe) public static let trained: (file: ModelFile, model: LanguageModel, path: String) = {
        let corpus = Preprocessor(options: .init(encoding: .init(kind: .performance))).run(paths: [repo + "/../shared/data/piano/bach"])
        var hyper = Hyperparameters.defaults(for: .lstm)
        (hyper.embed, hyper.hidden, hyper.layers, hyper.seqLen, hyper.batch) = (32, 64, 1, 64, 16)
        hyper.optimizer.learningRate = 3e-3
        var options = Trainer.Options()
        options.steps = 150
        options.maxEvalBatches = 2
        let folder = NSTemporaryDirectory() + "yamg-perf-\(UUID().uuidString)"
        let trainer = try! Trainer(corpus: corpus, hyper: hyper, options: options, folder: folder)
        _ = try! trainer.run()
        let (file, model) = try! ModelFile.load(folder + "/last.safetensors")
        return (file, model, folder + "/last.safetensors")
    }()

    public static func stream(seed: UInt64 = 1, pause: Double = 1) throws -> TokenStream {
        var controls = Controls()
        try controls.set(.pause, pause)
        return try TokenStream(model: trained.model, file: trained.file, controls: controls, seed: seed)
    }

    public static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "yamg-perf-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
