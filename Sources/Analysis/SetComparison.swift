/// Two sets of pieces side by side, metric by metric — the "how close is the generated music to the
/// real music" numbers.
///
/// - A scalar metric (notes per second, polyphony, …): after Yang & Lerch (2018), each set's per-file
///   values become a Gaussian kernel density (Silverman bandwidth, `KernelDensity`), and the distance is
///   the overlapping area of the two densities, from 1 (same distribution) to 0 (nothing in common).
///   A set whose values are all equal (or that has one file) has no spread to estimate a bandwidth from;
///   it borrows the other set's bandwidth. When neither set has spread, each is a single value: the
///   overlap is 1 if it is the same value, else 0. Yang & Lerch compare the distributions of pairwise
///   distances within and across sets; this compares the values themselves: simpler to read, same idea.
/// - A histogram (pitch classes, IOIs, note lengths, pitch-class transitions): each set's mean
///   histogram; the overlap Σ min(aᵢ, bᵢ) and the Jensen–Shannon divergence in bits (0 same, 1 disjoint).
public struct SetComparison: Sendable {
    public struct Scalar: Sendable {
        public var a: MetricSummary?
        public var b: MetricSummary?
        /// Nil when either set has no value for the metric.
        public var overlap: Double?
    }

    public struct Histogram: Sendable {
        public var overlap: Double?
        public var jensenShannon: Double?
    }

    public var a: SetSummary
    public var b: SetSummary
    /// In the order of `Metrics.scalars` and `Metrics.histograms`.
    public var scalars: [Scalar]
    public var histograms: [Histogram]

    public init(_ a: [PieceStatistics], _ b: [PieceStatistics]) {
        self.a = SetSummary(a)
        self.b = SetSummary(b)
        var scalars: [Scalar] = []
        for (index, metric) in Metrics.scalars.enumerated() {
            let overlap = Self.overlap(SetSummary.values(of: metric, a), SetSummary.values(of: metric, b))
            scalars.append(Scalar(a: self.a.scalars[index], b: self.b.scalars[index], overlap: overlap))
        }
        self.scalars = scalars
        histograms = zip(self.a.histograms, self.b.histograms).map { p, q in
            guard let p, let q else { return Histogram(overlap: nil, jensenShannon: nil) }
            return Histogram(overlap: Distribution.overlap(p, q), jensenShannon: Distribution.jensenShannon(p, q))
        }
    }

    /// The overlapping area of the kernel densities of two lists of values (see the type's comment).
    public static func overlap(_ a: [Double], _ b: [Double]) -> Double? {
        guard let first = a.first, let other = b.first else { return nil }
        let ha = KernelDensity.silvermanBandwidth(a), hb = KernelDensity.silvermanBandwidth(b)
        guard ha > 0 || hb > 0 else {
            // Two single values (however often repeated): the same value or nothing in common.
            return abs(first - other) <= 1e-9 * max(1, abs(first)) ? 1 : 0
        }
        return KernelDensity.overlap(KernelDensity(a, bandwidth: ha > 0 ? ha : hb),
                                     KernelDensity(b, bandwidth: hb > 0 ? hb : ha))
    }
}
