/// Descriptive statistics of plain lists of numbers: what summaries and bandwidths are built from.
///
/// Each returns nil for an empty list rather than NaN, so that "no value" stays visible up to the output.
public enum Descriptive {
    /// x̄ = Σx / n.
    public static func mean(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        var sum = 0.0
        for v in values { sum += v }
        return sum / Double(values.count)
    }

    /// √(Σ(x − x̄)² / n), the population standard deviation (numpy's default); with `sample`,
    /// divided by n − 1 instead (nil for fewer than two values).
    public static func standardDeviation(_ values: [Double], sample: Bool = false) -> Double? {
        guard let m = mean(values), !(sample && values.count < 2) else { return nil }
        var squares = 0.0
        for v in values { squares += (v - m) * (v - m) }
        return (squares / Double(sample ? values.count - 1 : values.count)).squareRoot()
    }

    /// The q-quantile (0 ≤ q ≤ 1) of values sorted in ascending order, interpolating linearly between
    /// the two nearest ranks (numpy's default "linear" method).
    public static func quantile(sorted values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let position = q * Double(values.count - 1)
        let low = Int(position.rounded(.down))
        let high = min(low + 1, values.count - 1)
        let fraction = position - Double(low)
        return values[low] + fraction * (values[high] - values[low])
    }

    /// The middle value (the mean of the two middle values for an even count).
    public static func median(_ values: [Double]) -> Double? {
        quantile(sorted: values.sorted(), 0.5)
    }
}
