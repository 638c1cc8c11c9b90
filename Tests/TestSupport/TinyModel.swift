import Encoding
import Foundation
import Generation
import Models
import NeuralNet
import Testing

/// The two small models the tests train on the Bach chorales of the shared data, each once per test run.
///
/// They are not trained the same way, so there are two: `trained` in this process through `Trainer` (LSTM 32 → 64,
/// 150 steps) for the generation and performance tests, and `cli` by the `yamg` binary (`preprocess`, then `train`:
/// LSTM 16 → 48, 60 steps), smaller still, for the command tests and the emulated CPU of the ALSA VM.
public enum TinyModel {
    /// Trained here in a few seconds and saved as a model file: real weights, small enough that hours of simulated
    /// performance take seconds.
    nonisolated(unsafe) public static let trained: (file: ModelFile, model: LanguageModel, path: String) = {
        let corpus = Preprocessor(options: .init(encoding: .init(kind: .performance))).run(paths: [TestPaths.shared("piano/bach")])
        var hyper = Hyperparameters.defaults(for: .lstm)
        (hyper.embed, hyper.hidden, hyper.layers, hyper.seqLen, hyper.batch) = (32, 64, 1, 64, 16)
        hyper.optimizer.learningRate = 3e-3
        var options = Trainer.Options()
        options.steps = 150
        options.maxEvalBatches = 2
        let folder = try! TestPaths.temporaryFolder("tiny-model")
        let trainer = try! Trainer(corpus: corpus, hyper: hyper, options: options, folder: folder)
        _ = try! trainer.run()
        let (file, model) = try! ModelFile.load(folder + "/last.safetensors")
        return (file, model, folder + "/last.safetensors")
    }()

    /// A generation stream on `trained`.
    public static func stream(seed: UInt64 = 1, pause: Double = 1) throws -> TokenStream {
        var controls = Controls()
        try controls.set(.pause, pause)
        return try TokenStream(model: trained.model, file: trained.file, controls: controls, seed: seed)
    }

    /// Made by the `yamg` binary as a user would (`yamg preprocess`, `yamg train`): the model file and the corpus
    /// it was trained on. A command that fails is recorded as an issue of the test that first asked for the model.
    public static let cli: (model: String, corpus: String) = {
        let folder = try! TestPaths.temporaryFolder("tiny-cli-model")
        let corpus = folder + "/corpus", run = folder + "/run"
        let steps = [
            ["preprocess", TestPaths.shared("piano/bach"), "-o", corpus],
            ["train", corpus, "-o", run, "--steps", "60", "--embed", "16", "--hidden", "48", "--layers", "1",
             "--seq-len", "32", "--batch", "8", "--lr", "0.003", "--eval-batches", "1"],
        ]
        for arguments in steps {
            let output = try! CLI.run(arguments)
            if output.status != 0 {
                Issue.record("yamg \(arguments.joined(separator: " ")) exited \(output.status): \(output.stderr)")
            }
        }
        return (run + "/last.safetensors", corpus)
    }()
}
