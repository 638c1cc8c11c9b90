/// The original network's element-wise activations, forward and backward side by side. Each keeps its
/// input (or output) for backward in a buffer of its own.
public enum Activation: String, Sendable, Codable {
    /// clip(0.2x + 0.5, 0, 1) — Keras's hard_sigmoid.
    case hardSigmoid
    /// x for x > 0, 0.3x otherwise — Keras's LeakyReLU default slope.
    case leakyReLU
    /// x · hard_sigmoid(x) — the original's "swish-like" Dense(256) activation.
    case xHardSigmoid

    @inline(__always)
    public func apply(_ x: Lanes) -> Lanes {
        switch self {
        case .hardSigmoid: (0.2 * x + 0.5).clamp(0, 1)
        case .leakyReLU: x.replacing(with: 0.3 * x, where: x .<= 0)
        case .xHardSigmoid: x * (0.2 * x + 0.5).clamp(0, 1)
        }
    }

    /// d activation / dx at input x.
    @inline(__always)
    public func derivative(_ x: Lanes) -> Lanes {
        switch self {
        case .hardSigmoid: Lanes(repeating: 0).replacing(with: 0.2, where: (x .> -2.5) .& (x .< 2.5))
        case .leakyReLU: Lanes(repeating: 0.3).replacing(with: 1, where: x .> 0)
        case .xHardSigmoid: (0.4 * x + 0.5).replacing(with: 0, where: x .<= -2.5).replacing(with: 1, where: x .>= 2.5)
        }
    }
}

/// An activation layer over `count` floats: keeps a pointer to its input (the layer below's output,
/// which stays put until the next forward), writes output and input gradient.
public final class ActivationLayer {
    public let kind: Activation
    public let output: Buffer
    public let inputGrad: Buffer
    private var input: UnsafePointer<Float>?

    public init(_ kind: Activation, maxCount: Int) {
        self.kind = kind
        output = Buffer(maxCount)
        inputGrad = Buffer(maxCount)
    }

    public func forward(_ x: UnsafePointer<Float>, count: Int) {
        input = x
        let y = output.pointer, kind = kind
        Parallel.chunks(count) { _, range in
            Lanes.groups(range) { i, n in kind.apply(Lanes(x + i, count: n)).store(to: y + i, count: n) }
        }
    }

    public func backward(_ dy: UnsafePointer<Float>, count: Int) {
        let dx = inputGrad.pointer, x = input!, kind = kind
        Parallel.chunks(count) { _, range in
            Lanes.groups(range) { i, n in
                (Lanes(dy + i, count: n) * kind.derivative(Lanes(x + i, count: n))).store(to: dx + i, count: n)
            }
        }
    }
}

/// Inverted dropout: in training each value is zeroed with probability p and the rest scaled by 1/(1−p);
/// at evaluation it passes values through.
public final class Dropout {
    public let probability: Float
    public let output: Buffer
    public let inputGrad: Buffer
    private let mask: Buffer

    public init(_ probability: Float, maxCount: Int) {
        self.probability = probability
        output = Buffer(maxCount)
        inputGrad = Buffer(maxCount)
        mask = Buffer(maxCount)
    }

    /// Masks are drawn in blocks of this many values, each from its own generator seeded by one draw of
    /// the caller's: the blocks can be filled on any core, and the masks do not depend on how many there are.
    static let block = 16_384

    public func forward(_ x: UnsafePointer<Float>, count: Int, training: Bool, rng: inout RNG) {
        let y = output.pointer, mask = mask.pointer
        guard training && probability > 0 else {
            y.update(from: x, count: count)
            mask.update(repeating: 1, count: count)
            return
        }
        let keep = 1 - probability, scale = 1 / keep, seed = rng.next(), block = Self.block
        Parallel.rows((count + block - 1) / block, width: block) { blocks in
            for k in blocks {
                var local = RNG(seed: seed &+ UInt64(k))
                for i in k * block..<min(count, (k + 1) * block) {
                    let m: Float = local.nextFloat() < keep ? scale : 0
                    mask[i] = m
                    y[i] = x[i] * m
                }
            }
        }
    }

    public func backward(_ dy: UnsafePointer<Float>, count: Int) {
        let dx = inputGrad.pointer, mask = mask.pointer
        Parallel.chunks(count) { _, range in
            for i in range { dx[i] = dy[i] * mask[i] }
        }
    }
}
