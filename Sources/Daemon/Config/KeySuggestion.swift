extension PerformKey {
    /// The setting a misspelt key most likely meant (`tempreature` → `temperature`, `top_p` → `top-p`), or nil when
    /// none is close: at most 2 edits, or a third of the key's length for long keys, after `_` is read as `-` and
    /// case is ignored.
    public static func nearest(to name: String) -> PerformKey? {
        let normalized = String(name.lowercased().map { $0 == "_" ? "-" : $0 })
        if let exact = PerformKey(rawValue: normalized) { return exact }
        let limit = max(2, normalized.count / 3)
        let ranked = allCases.map { (key: $0, distance: editDistance(normalized, $0.rawValue)) }
            .filter { $0.distance <= limit }
            .min { $0.distance < $1.distance }
        return ranked?.key
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
