import Basics
import Foundation

/// The machine form of the statistics, with the field names of `Metrics` (the table's row names).
///
/// A set is `{"paths": […], "files": [{"file", <metric>…, <histogram>…}…], "summary": {"files": n,
/// <metric>: {"mean", "std", "min", "max", "count"}, <histogram>: […]}}`; a value a piece or set cannot
/// have is `null`. Numbers are printed with 10 significant digits.
public enum StatsJSON {
    /// `yamg stats`: one set, plus the files that were left out and why.
    public static func report(paths: [String], pieces: [(file: String, statistics: PieceStatistics)],
                              skipped: [(file: String, reason: String)]) -> String {
        var json = "{\"set\": " + set(paths: paths, pieces: pieces, summary: SetSummary(pieces.map(\.statistics)))
        json += ",\n \"time_bin_s\": \(number(TimeBins.width)),\n \"skipped\": " + skippedList(skipped)
        return json + "}"
    }

    /// `yamg stats --compare`: both sets, the comparison per metric, the files left out.
    public static func comparison(_ c: SetComparison,
                                  a: (paths: [String], pieces: [(file: String, statistics: PieceStatistics)]),
                                  b: (paths: [String], pieces: [(file: String, statistics: PieceStatistics)]),
                                  skipped: [(file: String, reason: String)]) -> String {
        var json = "{\"a\": " + set(paths: a.paths, pieces: a.pieces, summary: c.a)
        json += ",\n \"b\": " + set(paths: b.paths, pieces: b.pieces, summary: c.b)
        json += ",\n \"comparison\": {"
        var fields: [String] = []
        for (metric, s) in zip(Metrics.scalars, c.scalars) {
            fields.append("\n  \(jsonString(metric.name)): {\"a_mean\": \(number(s.a?.mean)), \"a_std\": \(number(s.a?.std)), "
                          + "\"b_mean\": \(number(s.b?.mean)), \"b_std\": \(number(s.b?.std)), \"overlap\": \(number(s.overlap))}")
        }
        for (metric, h) in zip(Metrics.histograms, c.histograms) {
            fields.append("\n  \(jsonString(metric.name)): {\"overlap\": \(number(h.overlap)), \"js_divergence\": \(number(h.jensenShannon))}")
        }
        json += fields.joined(separator: ",") + "},\n \"time_bin_s\": \(number(TimeBins.width)),\n \"skipped\": "
        return json + skippedList(skipped) + "}"
    }

    static func set(paths: [String], pieces: [(file: String, statistics: PieceStatistics)], summary: SetSummary) -> String {
        var json = "{\"paths\": [" + paths.map(jsonString).joined(separator: ", ") + "],\n  \"files\": ["
        json += pieces.map { "\n   " + piece($0.statistics, file: $0.file) }.joined(separator: ",")
        json += "],\n  \"summary\": {\"files\": \(summary.files)"
        for (metric, s) in zip(Metrics.scalars, summary.scalars) {
            json += ",\n   \(jsonString(metric.name)): "
            if let s {
                json += "{\"mean\": \(number(s.mean)), \"std\": \(number(s.std)), \"min\": \(number(s.min)), "
                    + "\"max\": \(number(s.max)), \"count\": \(s.count)}"
            } else {
                json += "null"
            }
        }
        for (metric, h) in zip(Metrics.histograms, summary.histograms) {
            json += ",\n   \(jsonString(metric.name)): \(array(h))"
        }
        return json + "}}"
    }

    /// One piece: `{"file", <metric>: value…, <histogram>: […]…}`.
    public static func piece(_ s: PieceStatistics, file: String) -> String {
        var fields = ["\"file\": \(jsonString(file))"]
        for metric in Metrics.scalars {
            let value = metric.value(s)
            fields.append("\(jsonString(metric.name)): \(metric.isCount ? value.map { String(Int($0)) } ?? "null" : number(value))")
        }
        for metric in Metrics.histograms {
            fields.append("\(jsonString(metric.name)): \(array(metric.value(s)))")
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    static func skippedList(_ skipped: [(file: String, reason: String)]) -> String {
        "[" + skipped.map { "{\"file\": \(jsonString($0.file)), \"reason\": \(jsonString($0.reason))}" }.joined(separator: ", ") + "]"
    }

    static func array(_ values: [Double]?) -> String {
        values.map { "[" + $0.map { number($0) }.joined(separator: ", ") + "]" } ?? "null"
    }

    /// A JSON number with 10 significant digits; `null` for nil, NaN or infinity (which JSON cannot hold).
    static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "null" }
        return String(format: "%.10g", x)
    }
}
