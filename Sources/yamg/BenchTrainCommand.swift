import ArgumentParser
import Basics
import Foundation
import Models
import NeuralNet

/// `yamg bench train`: training speed on random tokens (`TrainingBenchmark`).
struct BenchTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Time training steps on random tokens; print tokens/s.")

    @OptionGroup var model: ModelOptions
    @Option(help: "Vocabulary size (default: 388 for lstm, 4096 for seed).") var vocab: Int?
    @Option(help: "Timed steps (after 3 warm-up steps).") var steps = 10
    @Option(help: "Cores to use (threads for the products and the element-wise work).") var threads = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Also print where a step's time goes and the share of the sgemm ceiling reached.") var profile = false

    func validate() throws {
        try model.validate()
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
        if let vocab, vocab < 2 { throw ValidationError("--vocab must be at least 2, got \(vocab)") }
    }

    func run() throws {
        Parallel.train(on: threads)
        let hyper = model.hyperparameters()
        let vocabulary = vocab ?? TrainingBenchmark.defaultVocabularySize(for: hyper.arch)
        let b = TrainingBenchmark.run(hyper, vocabularySize: vocabulary, steps: steps, profile: profile)
        let rss = ProcessStats.peakRSSMegabytes()
        print(String(format: "%@: %d parameters, batch %d, %.1f ms/step (best %.1f), %.0f tokens/s, %d threads, peak RSS %.0f MB",
                     hyper.arch.rawValue, b.parameters, hyper.batch, b.median, b.best, b.tokensPerSecond, threads, rss))
        b.profile.map { print($0.table) }
        print(String(format: "RESULT {\"arch\": \"%@\", \"tokens_per_s\": %.0f, \"ms_per_step\": %.2f, \"ms_per_step_min\": %.2f, "
                     + "\"threads\": %d, \"peak_rss_mb\": %.0f, \"vocab\": %d, \"batch\": %d%@}",
                     hyper.arch.rawValue, b.tokensPerSecond, b.median, b.best, threads, rss, vocabulary, hyper.batch,
                     b.profile.map { ", \"profile\": \($0.json)" } ?? ""))
    }
}
