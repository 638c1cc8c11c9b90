/// A proportional-integral controller that turns "how far off the target" into a logit bias, in nats.
///
/// Steering runs one for density (notes struck per second) and one for polyphony (notes sounding at once). The
/// proportional part answers the moment; the integral part learns the model's own habit (a model that always
/// plays too thick), so the long-run average lands on the target. Both parts are clamped, so a target the model
/// cannot reach saturates instead of winding up.
struct FeedbackControl {
    /// Bias per unit of error.
    var proportional: Double
    /// Bias added per unit of error per second of music.
    var integral: Double
    /// The largest bias either way.
    var limit: Double
    private(set) var accumulated = 0.0
    /// The error since the last call: what held during the `seconds` that have just passed.
    private var previousError = 0.0

    init(proportional: Double, integral: Double, limit: Double) {
        self.proportional = proportional
        self.integral = integral
        self.limit = limit
    }

    /// The bias for `error` (positive: too little of what is controlled), after `seconds` more of music. The
    /// integral takes the error that held during those seconds, the one given last time: the new error is
    /// measured at the end of a silence, the least typical moment of it.
    mutating func bias(error: Double, seconds: Double) -> Float {
        accumulated = min(limit, max(-limit, accumulated + integral * previousError * seconds))
        previousError = error
        return Float(min(limit, max(-limit, proportional * error + accumulated)))
    }

    mutating func reset() { accumulated = 0; previousError = 0 }
}
