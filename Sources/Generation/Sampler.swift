import Foundation
import NeuralNet

/// Draws the next token from logits: temperature, then top-k, then top-p (nucleus), from a seeded
/// generator so the same seed gives the same music.
public struct Sampler: Sendable {
    public var temperature: Float
    /// Keep only the k most likely tokens (0: all).
    public var topK: Int
    /// Keep the most likely tokens whose probabilities sum to at least p (1: all).
    public var topP: Float
    public var rng: RNG
    private var order: [Int] = []
    private var probabilities: [Float] = []

    public init(temperature: Float = 1, topK: Int = 0, topP: Float = 1, seed: UInt64 = 1) {
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        rng = RNG(seed: seed)
    }

    /// A sampler with the sampling controls of `controls` (temperature, top-k, top-p), drawing from `rng`.
    public init(controls: Controls, rng: RNG) {
        self.init()
        self.rng = rng
        apply(controls)
    }

    /// Samples with the sampling controls of `controls` from the next token on.
    public mutating func apply(_ controls: Controls) {
        temperature = Float(controls.temperature)
        topK = controls.topK
        topP = Float(controls.topP)
    }

    /// A token id from `count` logits; a logit of -∞ (steering's) rules its token out. When every token is ruled
    /// out, the last one is returned (steering never rules out all: time shifts and silence stay).
    public mutating func sample(_ logits: UnsafePointer<Float>, count: Int) -> Int {
        if probabilities.count != count { probabilities = Array(repeating: 0, count: count) }
        let t = max(temperature, 1e-4)
        var maxLogit = -Float.infinity
        for i in 0..<count { maxLogit = max(maxLogit, logits[i]) }
        guard maxLogit > -.infinity else { return count - 1 }
        var sum: Float = 0
        for i in 0..<count {
            let p: Float = logits[i] > -.infinity ? fastExp((logits[i] - maxLogit) / t) : 0
            probabilities[i] = p
            sum += p
        }
        let useK = topK > 0 && topK < count, useP = topP < 1
        guard useK || useP else { return draw(total: sum, candidates: nil) }
        order = Array(0..<count)
        order.sort { probabilities[$0] > probabilities[$1] }
        var keep = useK ? topK : count
        if useP {
            var cumulative: Float = 0
            for (rank, i) in order.prefix(keep).enumerated() {
                cumulative += probabilities[i] / sum
                if cumulative >= topP { keep = rank + 1; break }
            }
        }
        let candidates = Array(order.prefix(max(1, keep)))
        return draw(total: candidates.reduce(0) { $0 + probabilities[$1] }, candidates: candidates)
    }

    private mutating func draw(total: Float, candidates: [Int]?) -> Int {
        var target = rng.nextFloat() * total
        let indices = candidates ?? Array(0..<probabilities.count)
        for i in indices {
            target -= probabilities[i]
            if target < 0 { return i }
        }
        return indices.last { probabilities[$0] > 0 } ?? indices[0]
    }
}
