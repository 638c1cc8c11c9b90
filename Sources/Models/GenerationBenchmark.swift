import Dispatch
import NeuralNet

/// `yamg bench generate`: the cost of one generation step (batch 1: feed a token, get logits), after 50
/// untimed steps.
public struct GenerationBenchmark: Sendable {
    public var arch: Hyperparameters.Arch
    public var parameters: Int
    /// Microseconds of each timed step, fastest first.
    public var microseconds: [Double]
    /// Whether the logits went NaN (the sum of every step's first logit).
    public var sawNaN: Bool

    public var p50: Double { microseconds[microseconds.count / 2] }
    public var p99: Double { microseconds[min(microseconds.count - 1, microseconds.count * 99 / 100)] }
    public var mean: Double { microseconds.reduce(0, +) / Double(microseconds.count) }

    /// Times `steps` steps of the model file at `path`, or without one of random weights (seed 1) shaped by
    /// `hyper` and `vocabularySize`, feeding random tokens.
    public static func run(modelAt path: String?, hyper: Hyperparameters, vocabularySize: Int, steps: Int) throws -> GenerationBenchmark {
        let network: LanguageModel
        if let path {
            network = try ModelFile.load(path).1
        } else {
            network = ModelFactory.make(hyper, vocabularySize: vocabularySize)
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
        return GenerationBenchmark(arch: network.hyper.arch, parameters: network.parameterCount, microseconds: times.sorted(),
                                   sawNaN: sink.isNaN)
    }
}
