/// The bins of the time histograms (inter-onset intervals and note lengths): 32 bins of 1/16 s
/// covering 0–2 s, then one bin for 2 s and longer — 33 in all.
///
/// Fixed bins in seconds rather than note values, because generated files have no reliable beat:
/// 1/16 s is a 32nd note at 120 bpm, fine enough to tell a trill from a run, and nearly every
/// interval of tonal music falls under 2 s. Bin i holds [i/16, (i+1)/16) s; the last holds [2, ∞).
public enum TimeBins {
    public static let width = 0.0625
    public static let regular = 32
    public static let count = regular + 1

    /// The bin a duration in seconds falls in. A duration a nanosecond or less below a bin edge counts
    /// in the bin above: 0.25 s computed from ticks may come out as 0.24999999999999997.
    public static func index(_ seconds: Double) -> Int {
        guard seconds > 0 else { return 0 }
        return min(regular, Int((seconds + 1e-9) / width))
    }

    /// The normalized histogram of durations; nil for none.
    public static func histogram(_ durations: [Double]) -> [Double]? {
        var counts = [Double](repeating: 0, count: count)
        for d in durations { counts[index(d)] += 1 }
        return Distribution.normalized(counts)
    }

    /// The lower edge of each bin in seconds, for labels.
    public static var lowerEdges: [Double] { (0...regular).map { Double($0) * width } }
}
