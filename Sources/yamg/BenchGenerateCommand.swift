import ArgumentParser
import Encoding
import Foundation
import Generation
import Models
import NeuralNet

/// `yamg bench generate [MODEL]`: the cost of one generation step (`GenerationBenchmark`), on a model file
/// or on random weights of the default size of `--arch`. For the LSTM, the float16 step that generation uses, the
/// float32 step and the read floor of the float16 weights, timed in turns in one run.
struct BenchGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Time batch-1 generation steps; print µs per token.")

    @Argument(help: "A model file (default: random weights of the default size).") var model: String?
    @OptionGroup var options: ModelOptions
    @Option(help: "Vocabulary size for random weights (default: 388 for lstm, 4096 for seed).") var vocab: Int?
    @Option(help: "Timed steps.") var steps = 2000
    @Option(help: "Threads for the matrix-vector products.") var threads = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "The float16 kernel: \(HalfKernel.allCases.map(\.rawValue).joined(separator: ", ")) (default: the fastest this CPU runs, \(HalfKernel.best.rawValue)).")
    var kernel: HalfKernel = .best

    /// Tokens a second of music that live playing asks for (issue 17's figure), against which the headroom is told.
    static let liveTokensPerSecond = 24.0

    func validate() throws {
        if steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
        if threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if !kernel.isAvailable { throw ValidationError("--kernel \(kernel.rawValue): this CPU cannot run it") }
    }

    func run() throws {
        Parallel.generate(on: threads)
        let hyper = options.hyperparameters()
        let b = try GenerationBenchmark.run(modelAt: model, hyper: hyper,
                                            vocabularySize: vocab ?? TrainingBenchmark.defaultVocabularySize(for: hyper.arch),
                                            steps: steps, kernel: kernel)
        let p50 = b.p50, p99 = b.p99, mean = b.mean
        let headroom = 1e6 / Self.liveTokensPerSecond / p99
        let name = b.kernel.map { " float16 (\($0.rawValue))" } ?? ""
        print(String(format: "%@ (%d parameters)%@: %.1f µs/token p50 (min %.1f), %.1f p99, %.0f tokens/s, %d threads%@",
                     b.arch.rawValue, b.parameters, name, p50, b.microseconds[0], p99, 1e6 / mean, threads,
                     b.sawNaN ? " (NaN logits!)" : ""))
        var json = String(format: "\"arch\": \"%@\", \"us_per_token_p50\": %.1f, \"us_per_token_p99\": %.1f, \"tokens_per_s\": %.0f, \"threads\": %d",
                          b.arch.rawValue, p50, p99, 1e6 / mean, threads)
        if let kernel = b.kernel {
            let f32 = GenerationBenchmark.p50(b.float32Microseconds), read = GenerationBenchmark.p50(b.readMicroseconds)
            let widen = GenerationBenchmark.p50(b.widenMicroseconds)
            print(String(format: "float32 step (OpenBLAS): %.1f µs/token p50 (min %.1f); float16 is %.2f× faster",
                         f32, b.float32Microseconds[0], f32 / p50))
            print(String(format: "floor: %.2f MB of float16 weights a step, read in %.1f µs p50 (%.0f GB/s, %d threads): the step is %.2f× its floor",
                         Double(b.bytesPerStep) / 1e6, read, b.readGBPerSecond, threads, p50 / read))
            print(String(format: "conversion floor: the same bytes read and widened to float32 by the %@ kernel's conversion, no products: %.1f µs p50 (%.2f× the read); the step is %.2f× it",
                         kernel.rawValue, widen, widen / read, p50 / widen))
            json += String(format: ", \"kernel\": \"%@\", \"us_per_token_min\": %.1f, \"float32_us_per_token_p50\": %.1f, \"float32_us_per_token_min\": %.1f, \"bytes_per_step\": %d, \"floor_us_p50\": %.1f, \"read_gb_per_s\": %.1f, \"ratio_to_floor\": %.2f, \"widen_floor_us_p50\": %.1f, \"ratio_to_widen_floor\": %.2f",
                           kernel.rawValue, b.microseconds[0], f32, b.float32Microseconds[0], b.bytesPerStep, read,
                           b.readGBPerSecond, p50 / read, widen, p50 / widen)
        }
        let vocabulary = try model.map { try Vocabulary(names: ModelFile.load($0).0.vocabulary) } ?? Vocabulary.performance
        let steering = SteeringBenchmark.run(vocabulary: vocabulary)
        print(String(format: "steering (key, register, density, polyphony, dynamics all on): %.2f µs/token; all off: %.2f µs/token",
                     steering.steeredMicroseconds, steering.unsteeredMicroseconds))
        json += String(format: ", \"steering_us_per_token\": %.2f, \"unsteered_us_per_token\": %.2f",
                       steering.steeredMicroseconds, steering.unsteeredMicroseconds)
        print(String(format: "live headroom: %.0f× real time at %.0f tokens a second of music (p99 step)", headroom, Self.liveTokensPerSecond))
        json += String(format: ", \"realtime_headroom\": %.0f", headroom)
        print("RESULT {\(json)}")
    }
}

extension HalfKernel: ExpressibleByArgument {}
