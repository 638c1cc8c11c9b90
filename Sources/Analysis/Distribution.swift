import Foundation

/// Discrete probability distributions (histograms that sum to 1) and the distances between them.
public enum Distribution {
    /// Counts divided by their sum; nil when there is nothing to count.
    public static func normalized(_ counts: [Double]) -> [Double]? {
        var total = 0.0
        for c in counts { total += c }
        guard total > 0 else { return nil }
        return counts.map { $0 / total }
    }

    /// The bin-wise mean of several distributions of the same length, each weighing the same
    /// (a set's "mean histogram": every file counts once, however many notes it has).
    public static func mean(_ distributions: [[Double]]) -> [Double]? {
        guard let first = distributions.first else { return nil }
        var sum = [Double](repeating: 0, count: first.count)
        for d in distributions {
            for i in sum.indices { sum[i] += d[i] }
        }
        return sum.map { $0 / Double(distributions.count) }
    }

    /// Shannon entropy H(p) = −Σ pᵢ log₂ pᵢ in bits (0 log 0 = 0).
    public static func entropy(_ p: [Double]) -> Double {
        var h = 0.0
        for x in p where x > 0 { h -= x * log2(x) }
        return h
    }

    /// The overlap Σ min(pᵢ, qᵢ): 1 for identical distributions, 0 for disjoint ones
    /// (one minus the total variation distance).
    public static func overlap(_ p: [Double], _ q: [Double]) -> Double {
        var sum = 0.0
        for i in p.indices { sum += min(p[i], q[i]) }
        return sum
    }

    /// Kullback–Leibler divergence KL(p‖q) = Σ pᵢ log₂(pᵢ / qᵢ) in bits; infinite when q misses a bin p has.
    public static func kullbackLeibler(_ p: [Double], _ q: [Double]) -> Double {
        var sum = 0.0
        for i in p.indices where p[i] > 0 {
            guard q[i] > 0 else { return .infinity }
            sum += p[i] * log2(p[i] / q[i])
        }
        return sum
    }

    /// Jensen–Shannon divergence JS(p, q) = ½ KL(p‖m) + ½ KL(q‖m) with m = ½(p + q), in bits:
    /// symmetric, finite, 0 for identical and 1 for disjoint distributions. Used instead of KL, which is
    /// infinite as soon as one set never uses a bin the other does (a generated set missing a pitch class).
    public static func jensenShannon(_ p: [Double], _ q: [Double]) -> Double {
        var m = [Double](repeating: 0, count: p.count)
        for i in p.indices { m[i] = (p[i] + q[i]) / 2 }
        return max(0, (kullbackLeibler(p, m) + kullbackLeibler(q, m)) / 2)
    }
}
