/// One metric over a set of pieces: mean ± population std, extremes, and over how many pieces
/// (pieces for which the metric is undefined — an IOI of a one-chord piece — are left out).
public struct MetricSummary: Sendable, Equatable {
    public var mean: Double
    public var std: Double
    public var min: Double
    public var max: Double
    public var count: Int

    /// Nil for no values.
    public init?(_ values: [Double]) {
        guard let mean = Descriptive.mean(values), let std = Descriptive.standardDeviation(values) else { return nil }
        self.mean = mean
        self.std = std
        self.min = values.min()!
        self.max = values.max()!
        self.count = values.count
    }
}

/// A set of pieces in a few numbers: each scalar metric summarized over the pieces, and each
/// histogram averaged bin by bin with every piece weighing the same.
public struct SetSummary: Sendable {
    public var files: Int
    /// In the order of `Metrics.scalars`; nil where no piece has the metric.
    public var scalars: [MetricSummary?]
    /// In the order of `Metrics.histograms`.
    public var histograms: [[Double]?]

    public init(_ pieces: [PieceStatistics]) {
        files = pieces.count
        scalars = Metrics.scalars.map { metric in MetricSummary(pieces.compactMap(metric.value)) }
        histograms = Metrics.histograms.map { metric in Distribution.mean(pieces.compactMap(metric.value)) }
    }

    /// The values of one scalar metric over the pieces that have it.
    public static func values(of metric: ScalarMetric, _ pieces: [PieceStatistics]) -> [Double] {
        pieces.compactMap(metric.value)
    }
}
