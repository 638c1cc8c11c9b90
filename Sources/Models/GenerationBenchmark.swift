import Dispatch
import NeuralNet

/// `yamg bench generate`: the cost of one generation step (batch 1: feed a token, get logits), after 50 untimed
/// steps. For the LSTM, in the same run and taking turns in blocks of 100 (so that a noisy machine weighs on all
/// alike): the float16 step that generation uses, the float32 step on the model's own weights, and a plain read of
/// as many bytes as the float16 step reads — the floor under it (`ReadBandwidth`) — and a read of as many float16
/// values that also widens them with the kernel's conversion: where that is slower than the read, it is the floor.
public struct GenerationBenchmark: Sendable {
    public var arch: Hyperparameters.Arch
    public var parameters: Int
    /// Microseconds of each timed step of generation's stepper, fastest first.
    public var microseconds: [Double]
    /// LSTM only: the float16 kernel, the float32 step's microseconds, the bytes of float16 weights a step reads,
    /// and the microseconds of each read of that many bytes (all fastest first).
    public var kernel: HalfKernel?
    public var float32Microseconds: [Double] = []
    public var bytesPerStep = 0
    public var readMicroseconds: [Double] = []
    /// The microseconds of each read-and-widen of that many bytes of float16 values by `kernel` (fastest first).
    public var widenMicroseconds: [Double] = []
    /// Whether the logits went NaN (the sum of every step's first logit).
    public var sawNaN: Bool

    public var p50: Double { Self.p50(microseconds) }
    public var p99: Double { microseconds[min(microseconds.count - 1, microseconds.count * 99 / 100)] }
    public var mean: Double { microseconds.reduce(0, +) / Double(microseconds.count) }
    public static func p50(_ sorted: [Double]) -> Double { sorted.isEmpty ? .nan : sorted[sorted.count / 2] }

    /// Read bandwidth in GB/s (median read).
    public var readGBPerSecond: Double { Double(bytesPerStep) / Self.p50(readMicroseconds) / 1000 }

    /// Times `steps` steps of the model file at `path`, or without one of random weights (seed 1) shaped by
    /// `hyper` and `vocabularySize`, feeding random tokens; the float16 step runs `kernel`.
    public static func run(modelAt path: String?, hyper: Hyperparameters, vocabularySize: Int, steps: Int,
                           kernel: HalfKernel = .best) throws -> GenerationBenchmark {
        let network: LanguageModel
        if let path {
            network = try ModelFile.load(path).1
        } else {
            network = ModelFactory.make(hyper, vocabularySize: vocabularySize)
            var rng = RNG(seed: 1)
            network.initialize(rng: &rng)
        }
        var result = GenerationBenchmark(arch: network.hyper.arch, parameters: network.parameterCount, microseconds: [],
                                         sawNaN: false)
        var sink: Float = 0
        guard let lstm = network as? LSTMModel else {
            result.microseconds = time(ModelFactory.stepper(for: network), vocabulary: network.vocabularySize, steps: steps,
                                       sink: &sink).sorted()
            result.sawNaN = sink.isNaN
            return result
        }
        let half = HalfLSTMStepper(lstm, kernel: kernel), single = ModelFactory.stepper(for: lstm, precision: .float32)
        result.kernel = kernel
        result.bytesPerStep = half.bytesPerStep
        for block in 0..<(steps + 99) / 100 {
            // After the other two, a few untimed steps bring the weights back into the caches.
            let n = min(100, steps - block * 100), warmUp = block == 0 ? 50 : 10, seed = UInt64(2 + block)
            let V = lstm.vocabularySize
            result.microseconds += time(half, vocabulary: V, steps: n, warmUp: warmUp, seed: seed, sink: &sink)
            result.float32Microseconds += time(single, vocabulary: V, steps: n, warmUp: warmUp, seed: seed, sink: &sink)
            result.readMicroseconds += ReadBandwidth.microseconds(bytes: half.bytesPerStep, repeats: n, split: half.splits)
            result.widenMicroseconds += ReadBandwidth.microseconds(bytes: half.bytesPerStep, repeats: n, split: half.splits,
                                                                   widening: kernel)
        }
        result.microseconds.sort()
        result.float32Microseconds.sort()
        result.readMicroseconds.sort()
        result.widenMicroseconds.sort()
        result.sawNaN = sink.isNaN
        return result
    }

    /// Microseconds of `steps` steps fed random tokens, after `warmUp` untimed ones.
    private static func time(_ stepper: Stepper, vocabulary: Int, steps: Int, warmUp: Int = 50, seed: UInt64 = 2,
                             sink: inout Float) -> [Double] {
        var rng = RNG(seed: seed)
        var times: [Double] = []
        for i in 0..<(steps + warmUp) {
            let token = rng.nextInt(vocabulary)
            let start = DispatchTime.now().uptimeNanoseconds
            let logits = stepper.step(token)
            if i >= warmUp { times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000) }
            sink += logits[0]
        }
        return times
    }
}
