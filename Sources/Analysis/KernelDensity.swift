import Foundation

/// A Gaussian kernel density estimate of one metric's per-file values: f(x) = 1/(n h) Σ φ((x − xᵢ)/h).
///
/// This is how Yang & Lerch (2018) turn a set of per-file values into a smooth distribution before
/// comparing two sets by the area their densities share (`overlap`).
public struct KernelDensity: Sendable {
    /// The values, ascending.
    public let values: [Double]
    public let bandwidth: Double

    /// A density with bandwidth `bandwidth` (> 0).
    public init(_ values: [Double], bandwidth: Double) {
        precondition(!values.isEmpty && bandwidth > 0)
        self.values = values.sorted()
        self.bandwidth = bandwidth
    }

    /// Silverman's rule of thumb: h = 0.9 · min(σ, IQR / 1.34) · n^(−1/5), with σ the sample standard
    /// deviation (σ alone when the IQR is 0: more than half the values equal). 0 when all values are equal
    /// or there is only one.
    public static func silvermanBandwidth(_ values: [Double]) -> Double {
        guard let sigma = Descriptive.standardDeviation(values, sample: true), sigma > 0 else { return 0 }
        let sorted = values.sorted()
        let iqr = Descriptive.quantile(sorted: sorted, 0.75)! - Descriptive.quantile(sorted: sorted, 0.25)!
        let spread = iqr > 0 ? min(sigma, iqr / 1.34) : sigma
        return 0.9 * spread * pow(Double(values.count), -0.2)
    }

    /// Kernels further than this many bandwidths away add less than 1e-14 of their peak and are skipped.
    static let reach = 8.0

    /// f(x).
    public func density(at x: Double) -> Double {
        let lowest = x - Self.reach * bandwidth
        // The first value not below `lowest`.
        var low = 0, high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] < lowest { low = mid + 1 } else { high = mid }
        }
        var sum = 0.0
        var i = low
        while i < values.count && values[i] <= x + Self.reach * bandwidth {
            let z = (x - values[i]) / bandwidth
            sum += exp(-0.5 * z * z)
            i += 1
        }
        return sum / (Double(values.count) * bandwidth * (2 * Double.pi).squareRoot())
    }

    /// The overlapping area ∫ min(f(x), g(x)) dx of two densities: 1 when they are the same, near 0 when
    /// they are far apart. Integrated by the trapezoid rule where both densities live (within ±8 h of their
    /// values), with a step of a fiftieth of the smaller bandwidth (at least 4000, at most 200 000 points;
    /// the kinks where the densities cross make the error about 1e-7).
    public static func overlap(_ f: KernelDensity, _ g: KernelDensity) -> Double {
        let from = max(f.values.first! - reach * f.bandwidth, g.values.first! - reach * g.bandwidth)
        let to = min(f.values.last! + reach * f.bandwidth, g.values.last! + reach * g.bandwidth)
        guard from < to else { return 0 }
        let steps = Int(min(200_000, max(4000, ((to - from) / (min(f.bandwidth, g.bandwidth) / 50)).rounded(.up))))
        let dx = (to - from) / Double(steps)
        var area = 0.0
        var previous = min(f.density(at: from), g.density(at: from))
        for i in 1...steps {
            let x = from + Double(i) * dx
            let current = min(f.density(at: x), g.density(at: x))
            area += (previous + current) / 2 * dx
            previous = current
        }
        return min(1, area)
    }
}
