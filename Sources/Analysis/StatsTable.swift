import Foundation
import MIDIFile

/// The human form of the statistics: aligned rows named like the JSON fields.
public enum StatsTable {
    /// One piece: a row per metric with its unit; histograms as a row each.
    public static func piece(_ s: PieceStatistics, file: String) -> String {
        var lines = ["\(file): \(s.noteCount) notes, \(fixed(s.length, 2)) s"]
        for metric in Metrics.scalars {
            var text = metric.value(s).map { metric.isCount ? String(Int($0)) : fixed($0, metric.decimals) } ?? "—"
            if metric.name == "pitch_lowest" || metric.name == "pitch_highest", let v = metric.value(s) {
                text += " (\(noteName(UInt8(v))))"
            }
            lines.append(row(metric.name, text.padding(16), metric.unit))
        }
        for metric in Metrics.histograms {
            lines.append(row(metric.name, metric.value(s).map { histogram($0, metric) } ?? "—"))
        }
        return lines.joined(separator: "\n")
    }

    /// A set: mean ± std and min – max per metric over its files, and the mean histograms.
    public static func set(_ summary: SetSummary, name: String) -> String {
        var lines = ["\(name): \(summary.files) file\(summary.files == 1 ? "" : "s")",
                     row("metric", "mean ± std".padding(22) + "min – max".padding(20) + "files")]
        for (metric, value) in zip(Metrics.scalars, summary.scalars) {
            guard let v = value else {
                lines.append(row(metric.name, "—"))
                continue
            }
            lines.append(row(metric.name, meanStd(v, metric.decimals).padding(22)
                             + "\(fixed(v.min, metric.isCount ? 0 : metric.decimals)) – \(fixed(v.max, metric.isCount ? 0 : metric.decimals))".padding(20)
                             + String(v.count)))
        }
        for (metric, value) in zip(Metrics.histograms, summary.histograms) {
            lines.append(row(metric.name, value.map { histogram($0, metric) } ?? "—"))
        }
        return lines.joined(separator: "\n")
    }

    /// Two sets: each metric's mean ± std in A and in B and the overlap of their distributions.
    public static func comparison(_ c: SetComparison, a: String, b: String) -> String {
        var lines = ["a: \(a) (\(c.a.files) file\(c.a.files == 1 ? "" : "s"))",
                     "b: \(b) (\(c.b.files) file\(c.b.files == 1 ? "" : "s"))",
                     row("metric", "a_mean ± a_std".padding(22) + "b_mean ± b_std".padding(22) + "overlap")]
        for (metric, s) in zip(Metrics.scalars, c.scalars) {
            lines.append(row(metric.name, (s.a.map { meanStd($0, metric.decimals) } ?? "—").padding(22)
                             + (s.b.map { meanStd($0, metric.decimals) } ?? "—").padding(22)
                             + (s.overlap.map { fixed($0, 3) } ?? "—")))
        }
        lines.append(row("histogram", "overlap".padding(10) + "js_divergence"))
        for (metric, h) in zip(Metrics.histograms, c.histograms) {
            lines.append(row(metric.name, (h.overlap.map { fixed($0, 3) } ?? "—").padding(10)
                             + (h.jensenShannon.map { fixed($0, 4) } ?? "—")))
        }
        lines.append("overlap: area shared by the two sets' kernel densities of the per-file values (scalars) or "
                     + "Σ min of the mean histograms; 1 = same, 0 = nothing in common. js_divergence in bits.")
        return lines.joined(separator: "\n")
    }

    static func row(_ name: String, _ value: String, _ note: String = "") -> String {
        ("  " + name.padding(24) + value + (note.isEmpty ? "" : "  " + note)).trimmingTrailingSpaces
    }

    static func fixed(_ x: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", x) }

    static func meanStd(_ s: MetricSummary, _ decimals: Int) -> String {
        "\(fixed(s.mean, decimals)) ± \(fixed(s.std, decimals))"
    }

    /// Pitch classes as "C .12 C# .00 …"; time bins as a bar per bin (▁ to █, scaled to the fullest bin,
    /// a space for none) with the fullest bin named; transitions as the four most frequent.
    static func histogram(_ values: [Double], _ metric: HistogramMetric) -> String {
        if values.count <= 12 {
            return zip(metric.labels, values).map { "\($0) \(fraction($1))" }.joined(separator: " ")
        }
        if values.count == TimeBins.count {
            let top = values.max() ?? 0
            let bars = Array(" ▁▂▃▄▅▆▇█")
            let text = values.map { v -> String in
                v == 0 || top == 0 ? " " : String(bars[max(1, Int((v / top * 8).rounded()))])
            }.joined()
            let mode = values.firstIndex(of: top) ?? 0
            let modeText = mode == TimeBins.regular ? "≥ 2 s" : "\(metric.labels[mode])–\(TimeBins.lowerEdges[mode + 1]) s"
            return "|\(text)| most in \(modeText) (\(fraction(top))); 1/16 s bins, 0–2 s, last ≥ 2 s"
        }
        let order = values.indices.sorted { values[$0] > values[$1] }
        return order.prefix(4).map { "\(metric.labels[$0]) \(fraction(values[$0]))" }.joined(separator: " ") + " …"
    }

    /// A share as ".12" (two decimals, no leading zero), "1.00" for all.
    static func fraction(_ x: Double) -> String {
        let text = String(format: "%.2f", x)
        return text.hasPrefix("0.") ? String(text.dropFirst()) : text
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }

    var trimmingTrailingSpaces: String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
