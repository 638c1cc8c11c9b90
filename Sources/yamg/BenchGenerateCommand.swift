import ArgumentParser
import Foundation
import Models
import NeuralNet

/// `yamg bench generate [MODEL]`: the cost of one generation step (`GenerationBenchmark`), on a model file
/// or on random weights of the default size of `--arch`.
struct BenchGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Time batch-1 generation steps; print µs per token.")

    @Argument(help: "A model file (default: random weights of the default size).") var model: String?
    @OptionGroup var options: ModelOptions
    @Option(help: "Vocabulary size for random weights (default: 388 for lstm, 4096 for seed).") var vocab: Int?
    @Option(help: "Timed steps.") var steps = 2000
    @Option(help: "Threads for the matrix-vector products.") var threads = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        BLAS.threads = threads
        let hyper = options.hyperparameters()
        let b = try GenerationBenchmark.run(modelAt: model, hyper: hyper,
                                            vocabularySize: vocab ?? TrainingBenchmark.defaultVocabularySize(for: hyper.arch), steps: steps)
        let p50 = b.p50, p99 = b.p99, mean = b.mean
        print(String(format: "%@ (%d parameters): %.1f µs/token p50, %.1f p99, %.0f tokens/s, %d threads%@",
                     b.arch.rawValue, b.parameters, p50, p99, 1e6 / mean, threads, b.sawNaN ? " (NaN logits!)" : ""))
        print(String(format: "RESULT {\"arch\": \"%@\", \"us_per_token_p50\": %.1f, \"us_per_token_p99\": %.1f, \"tokens_per_s\": %.0f, \"threads\": %d}",
                     b.arch.rawValue, p50, p99, 1e6 / mean, threads))
    }
}
