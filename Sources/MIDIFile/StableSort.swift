extension Array {
    /// Sorted by `key`, equal keys keeping their order: events at the same tick stay in file order.
    func stableSorted<Key: Comparable>(by key: (Element) -> Key) -> [Element] {
        enumerated().sorted { (key($0.element), $0.offset) < (key($1.element), $1.offset) }.map(\.element)
    }
}
