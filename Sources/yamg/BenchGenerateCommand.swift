import ArgumentParser
import Foundation
import Models
import NeuralNet

/// `yamg bench generate [MODEL]`: the cost of one generation step (batch 1: feed a token, get logits),
/// on a model file or on random weights of the default size of `--arch`.
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
        let network: LanguageModel
        if let model {
            network = try ModelFile.load(model).1
        } else {
            let hyper = options.hyperparameters
            network = ModelFactory.make(hyper, vocabularySize: vocab ?? (hyper.arch == .lstm ? 388 : 4096))
            var rng = RNG(seed: 1)
            network.initialize(rng: &rng)
        }
        let stepper = ModelFactory.stepper(for: network)
        var rng = RNG(seed: 2)
        var times: [Double] = []
        var sink: Float = 0
        for i in 0..<(steps + 50) {
            let token = rng.nextInt(network.vocabularySize)
            let start = DispatchTime.now().uptimeNanoseconds
            let logits = stepper.step(token)
            if i >= 50 { times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000) }
            sink += logits[0]
        }
        times.sort()
        let p50 = times[times.count / 2], p99 = times[min(times.count - 1, times.count * 99 / 100)]
        let mean = times.reduce(0, +) / Double(times.count)
        print(String(format: "%@ (%d parameters): %.1f µs/token p50, %.1f p99, %.0f tokens/s, %d threads%@",
                     network.hyper.arch.rawValue, network.parameterCount, p50, p99, 1e6 / mean,
                     threads, sink.isNaN ? " (NaN logits!)" : ""))
        print(String(format: "RESULT {\"arch\": \"%@\", \"us_per_token_p50\": %.1f, \"us_per_token_p99\": %.1f, \"tokens_per_s\": %.0f, \"threads\": %d}",
                     network.hyper.arch.rawValue, p50, p99, 1e6 / mean, threads))
    }
}
