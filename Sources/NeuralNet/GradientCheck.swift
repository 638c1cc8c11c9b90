/// Finite-difference checks of analytic gradients.
///
/// Along a random ±1 direction v over a whole tensor, the analytic directional derivative g·v must match
/// the central difference (L(θ + h·v) − L(θ − h·v)) / 2h. One direction covers every element at once,
/// so a gradient wrong in any part of the tensor shows, and float32 round-off stays small next to it.
/// Through piecewise-linear activations (LeakyReLU, hard sigmoid) moving every weight of a large tensor
/// at once pushes many units across a kink; `elements` then restricts the direction to that many
/// randomly chosen entries.
public enum GradientCheck {
    /// Relative error |fd − g·v| / max(|fd|, |g·v|, ‖g⊙v‖, tiny) for the tensor at `values` with gradient
    /// `grads`. ‖g⊙v‖ (the size of the terms of g·v) keeps the ratio meaningful when the terms cancel.
    /// `loss` recomputes the loss from the current values (and must not change the gradients).
    public static func relativeError(values: UnsafeMutablePointer<Float>, grads: UnsafePointer<Float>, count: Int,
                                     step h: Float = 1e-2, elements: Int? = nil, rng: inout RNG,
                                     loss: () -> Double) -> Double {
        var direction = [Float](repeating: 0, count: count)
        if let elements, elements < count {
            for _ in 0..<elements { direction[rng.nextInt(count)] = rng.next() & 1 == 0 ? 1 : -1 }
        } else {
            for i in 0..<count { direction[i] = rng.next() & 1 == 0 ? 1 : -1 }
        }
        var analytic = 0.0, squares = 0.0
        for i in 0..<count {
            let term = Double(grads[i]) * Double(direction[i])
            analytic += term
            squares += term * term
        }
        let original = Array(UnsafeBufferPointer(start: values, count: count))
        for i in 0..<count { values[i] = original[i] + h * direction[i] }
        let plus = loss()
        for i in 0..<count { values[i] = original[i] - h * direction[i] }
        let minus = loss()
        for i in 0..<count { values[i] = original[i] }
        let numeric = (plus - minus) / (2 * Double(h))
        return abs(numeric - analytic) / max(abs(numeric), abs(analytic), squares.squareRoot(), 1e-6)
    }
}
