import Foundation

/// A named tensor of learnable weights and its gradient, in two contiguous float buffers.
///
/// Every layer's parameters live in `Parameter`s, so optimizers, clipping, checkpoints and gradient
/// checks walk one flat list. Names and shapes are PyTorch's, so checkpoints load into torch as is.
public final class Parameter: @unchecked Sendable {
    public let name: String
    public let shape: [Int]
    public let count: Int
    public let value: UnsafeMutablePointer<Float>
    public let grad: UnsafeMutablePointer<Float>

    public init(_ name: String, _ shape: [Int]) {
        self.name = name
        self.shape = shape
        count = shape.reduce(1, *)
        value = zeroedFloats(count)
        grad = zeroedFloats(count)
    }

    deinit {
        free(value)
        free(grad)
    }

    public var values: UnsafeMutableBufferPointer<Float> { .init(start: value, count: count) }
    public var grads: UnsafeMutableBufferPointer<Float> { .init(start: grad, count: count) }

    public func zeroGrad() { grad.update(repeating: 0, count: count) }

    /// Uniform in [-bound, bound], as PyTorch initializes Linear, LSTM and Conv weights (bound = 1/√fan_in).
    public func initUniform(bound: Float, rng: inout RNG) {
        for i in 0..<count { value[i] = (rng.nextFloat() * 2 - 1) * bound }
    }

    /// Standard normal, as PyTorch initializes embeddings.
    public func initNormal(std: Float = 1, rng: inout RNG) {
        for i in 0..<count { value[i] = rng.nextGaussian() * std }
    }
}

/// A float buffer for activations and scratch space, sized once for the largest batch.
public final class Buffer: @unchecked Sendable {
    public let count: Int
    public let pointer: UnsafeMutablePointer<Float>

    public init(_ count: Int) {
        self.count = count
        pointer = zeroedFloats(count)
    }

    deinit { free(pointer) }

    public func zero() { pointer.update(repeating: 0, count: count) }
    public subscript(i: Int) -> Float {
        get { pointer[i] }
        set { pointer[i] = newValue }
    }
}

/// `count` zero floats from `calloc`: large blocks come straight from the kernel as untouched zero pages, so
/// training buffers that generation never uses (gradients, activations for a whole batch) cost no memory there.
func zeroedFloats(_ count: Int) -> UnsafeMutablePointer<Float> {
    guard let raw = calloc(max(1, count), MemoryLayout<Float>.stride) else { fatalError("out of memory: \(count) floats") }
    return raw.bindMemory(to: Float.self, capacity: max(1, count))
}
