/// What `yamg stats` prints on stdout for a report: the JSON, or the tables.
extension StatsReport {
    /// Set A against set B; nil unless comparing.
    public var comparison: SetComparison? {
        compare ? SetComparison(sets[0].map(\.statistics), sets[1].map(\.statistics)) : nil
    }

    /// The machine form (see `StatsJSON`), also when a set is empty.
    public var json: String {
        if let comparison {
            StatsJSON.comparison(comparison, a: ([paths[0]], sets[0]), b: ([paths[1]], sets[1]), skipped: skipped)
        } else {
            StatsJSON.report(paths: paths, pieces: sets[0], skipped: skipped)
        }
    }

    /// The tables: each file's when `perFile` or when there is a single file, then the set's summary or the
    /// comparison. Nil when a set is empty: there is nothing to tabulate.
    public func table(perFile: Bool) -> String? {
        guard !sets.contains(where: \.isEmpty) else { return nil }
        var blocks: [String] = []
        if perFile || (!compare && sets[0].count == 1) {
            for set in sets {
                blocks += set.map { StatsTable.piece($0.statistics, file: $0.file) }
            }
        }
        if let comparison {
            blocks.append(StatsTable.comparison(comparison, a: paths[0], b: paths[1]))
        } else if sets[0].count > 1 {
            blocks.append(StatsTable.set(SetSummary(sets[0].map(\.statistics)), name: paths.joined(separator: ", ")))
        }
        return blocks.joined(separator: "\n\n")
    }
}
