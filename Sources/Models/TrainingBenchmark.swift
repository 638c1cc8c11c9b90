import Dispatch
import NeuralNet

/// `yamg bench train`: training speed on random tokens (no corpus needed): forward, backward and AdamW steps
/// at the model's batch size, 3 warm-up steps first; the figure is the median step.
public struct TrainingBenchmark: Sendable {
    public var hyper: Hyperparameters
    public var vocabularySize: Int
    public var parameters: Int
    public var positionsPerBatch: Int
    /// Milliseconds of each timed step, fastest first.
    public var milliseconds: [Double]
    /// Where the time went, when asked for.
    public var profile: StepProfile?

    public var median: Double { milliseconds[milliseconds.count / 2] }
    public var best: Double { milliseconds[0] }
    public var tokensPerSecond: Double { Double(positionsPerBatch) / (median / 1000) }

    /// The vocabulary size of random-weight benchmarks: the performance encoding's (without markers) for
    /// `lstm`, a typical combination vocabulary for `seed`.
    public static func defaultVocabularySize(for arch: Hyperparameters.Arch) -> Int { arch == .lstm ? 388 : 4096 }

    /// Times `steps` training steps of a fresh model; with `profile`, records where their time goes.
    public static func run(_ hyper: Hyperparameters, vocabularySize: Int, steps: Int, profile: Bool) -> TrainingBenchmark {
        let network = ModelFactory.make(hyper, vocabularySize: vocabularySize)
        var rng = RNG(seed: 1)
        network.initialize(rng: &rng)
        let optimizer = AdamW(network.parameters, settings: hyper.optimizer)
        let rows = (0..<hyper.batch * network.rowLength).map { _ in Int32(rng.nextInt(vocabularySize)) }
        var times: [Double] = []
        for step in 0..<(steps + 3) {
            if step == 3 && profile { Profile.enable() }
            let start = DispatchTime.now().uptimeNanoseconds
            optimizer.zeroGradients()
            _ = network.run(rows: rows, count: hyper.batch, training: true, rng: &rng)
            Profile.measure(.optimizer) { _ = optimizer.update() }
            if step >= 3 { times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6) }
        }
        Profile.disable()
        let breakdown = profile ? StepProfile(stepsMilliseconds: times) : nil
        return TrainingBenchmark(hyper: hyper, vocabularySize: vocabularySize, parameters: network.parameterCount,
                                 positionsPerBatch: network.positionsPerBatch, milliseconds: times.sorted(), profile: breakdown)
    }
}
