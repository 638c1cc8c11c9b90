import Foundation

/// Adam with decoupled weight decay (AdamW; decay 0 is plain Adam), global-norm gradient clipping,
/// and a learning rate that warms up linearly then decays on a cosine to `minFactor` of its peak.
public final class AdamW {
    public struct Settings: Sendable, Codable, Equatable {
        public var learningRate: Float = 1e-3
        public var beta1: Float = 0.9
        public var beta2: Float = 0.999
        public var epsilon: Float = 1e-8
        public var weightDecay: Float = 0
        /// Gradients are scaled down so their global L2 norm is at most this (0: no clipping).
        public var clipNorm: Float = 1
        public var warmupSteps = 0
        /// The step count of the whole schedule (cosine decay over it); 0: constant after warm-up.
        public var totalSteps = 0
        public var minFactor: Float = 0.1
        public init() {}
    }

    public var settings: Settings
    public let parameters: [Parameter]
    /// First and second moment estimates, one pair of buffers per parameter.
    public let moments: [(m: Buffer, v: Buffer)]
    /// Updates taken so far.
    public var step = 0

    public init(_ parameters: [Parameter], settings: Settings) {
        self.parameters = parameters
        self.settings = settings
        moments = parameters.map { (Buffer($0.count), Buffer($0.count)) }
    }

    public func learningRate(atStep step: Int) -> Float {
        let s = settings
        if s.warmupSteps > 0 && step < s.warmupSteps { return s.learningRate * Float(step + 1) / Float(s.warmupSteps) }
        guard s.totalSteps > s.warmupSteps else { return s.learningRate }
        let progress = min(1, Float(step - s.warmupSteps) / Float(s.totalSteps - s.warmupSteps))
        let cosine = 0.5 * (1 + Float(cos(Double.pi * Double(progress))))
        return s.learningRate * (s.minFactor + (1 - s.minFactor) * cosine)
    }

    /// The global L2 norm of all gradients (eight running sums per chunk, added in a fixed order).
    public func gradientNorm() -> Float {
        var sum: Double = 0
        for p in parameters {
            var partial = [Double](repeating: 0, count: Parallel.chunkCount(p.count, minimum: 32_768))
            partial.withUnsafeMutableBufferPointer { partial in
                nonisolated(unsafe) let partial = partial
                Parallel.chunks(p.count) { k, range in
                    var squares = Lanes()
                    Lanes.groups(range) { i, n in
                        let g = Lanes(p.grad + i, count: n)
                        squares += g * g
                    }
                    partial[k] = Double(squares.sum())
                }
            }
            sum += partial.reduce(0, +)
        }
        return Float(sum.squareRoot())
    }

    /// Clips, then applies one update; returns the gradient norm before clipping.
    @discardableResult
    public func update() -> Float {
        let norm = gradientNorm()
        let clip: Float = settings.clipNorm > 0 && norm > settings.clipNorm ? settings.clipNorm / norm : 1
        let lr = learningRate(atStep: step)
        step += 1
        let b1 = settings.beta1, b2 = settings.beta2, eps = settings.epsilon
        let correction1 = 1 - Float(pow(Double(b1), Double(step))), correction2 = 1 - Float(pow(Double(b2), Double(step)))
        let stepSize = lr / correction1, decay = 1 - lr * settings.weightDecay
        for (p, (mBuffer, vBuffer)) in zip(parameters, moments) {
            let w = p.value, g = p.grad, m = mBuffer.pointer, v = vBuffer.pointer
            // Each element is independent: large tensors are split in chunks over the cores.
            Parallel.chunks(p.count) { _, range in
                Lanes.groups(range) { i, n in
                    let gi = Lanes(g + i, count: n) * clip
                    let mi = b1 * Lanes(m + i, count: n) + (1 - b1) * gi
                    let vi = b2 * Lanes(v + i, count: n) + (1 - b2) * gi * gi
                    let wi = Lanes(w + i, count: n) * decay - stepSize * mi / ((vi / correction2).squareRoot() + eps)
                    mi.store(to: m + i, count: n)
                    vi.store(to: v + i, count: n)
                    wi.store(to: w + i, count: n)
                }
            }
        }
        return norm
    }

    public func zeroGradients() { for p in parameters { p.zeroGrad() } }
}
