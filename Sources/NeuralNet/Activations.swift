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
    public func apply(_ x: Float) -> Float {
        switch self {
        case .hardSigmoid: min(max(0.2 * x + 0.5, 0), 1)
        case .leakyReLU: x > 0 ? x : 0.3 * x
        case .xHardSigmoid: x * min(max(0.2 * x + 0.5, 0), 1)
        }
    }

    /// d activation / dx at input x.
    @inline(__always)
    public func derivative(_ x: Float) -> Float {
        switch self {
        case .hardSigmoid: (x > -2.5 && x < 2.5) ? 0.2 : 0
        case .leakyReLU: x > 0 ? 1 : 0.3
        case .xHardSigmoid: x <= -2.5 ? 0 : (x >= 2.5 ? 1 : 0.4 * x + 0.5)
        }
    }
}

/// An activation layer over `count` floats: keeps its input, writes output and input gradient.
public final class ActivationLayer {
    public let kind: Activation
    public let output: Buffer
    public let inputGrad: Buffer
    private let input: Buffer

    public init(_ kind: Activation, maxCount: Int) {
        self.kind = kind
        output = Buffer(maxCount)
        inputGrad = Buffer(maxCount)
        input = Buffer(maxCount)
    }

    public func forward(_ x: UnsafePointer<Float>, count: Int) {
        input.pointer.update(from: x, count: count)
        let y = output.pointer
        for i in 0..<count { y[i] = kind.apply(x[i]) }
    }

    public func backward(_ dy: UnsafePointer<Float>, count: Int) {
        let dx = inputGrad.pointer, x = input.pointer
        for i in 0..<count { dx[i] = dy[i] * kind.derivative(x[i]) }
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

    public func forward(_ x: UnsafePointer<Float>, count: Int, training: Bool, rng: inout RNG) {
        let keep = 1 - probability, scale = 1 / keep
        for i in 0..<count {
            let m: Float = !training || probability == 0 ? 1 : (rng.nextFloat() < keep ? scale : 0)
            mask[i] = m
            output[i] = x[i] * m
        }
    }

    public func backward(_ dy: UnsafePointer<Float>, count: Int) {
        for i in 0..<count { inputGrad[i] = dy[i] * mask[i] }
    }
}
