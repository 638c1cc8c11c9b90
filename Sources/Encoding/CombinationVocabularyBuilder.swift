import Dispatch
import Foundation

/// Builds a combination vocabulary from the training frames and maps rare combinations onto kept ones.
///
/// Combinations seen at least `minCount` times in the training split are kept, most frequent first.
/// Each rarer one (and each one the validation split has but training does not) becomes the kept
/// combination nearest to it by `Combination.distance`: dropping a pitch costs less than adding one,
/// so a rare chord turns into the closest common chord it contains rather than into a bigger one;
/// ties go to the more frequent. Silence is always kept.
public struct CombinationVocabularyBuilder {
    public private(set) var counts: [Combination: Int] = [:]

    public init() {}

    public mutating func count(_ frames: [Combination]) {
        for f in frames { counts[f, default: 0] += 1 }
    }

    /// Adds combinations with their counts.
    public mutating func add(_ counted: [(Combination, Int)]) {
        for (c, n) in counted { counts[c, default: 0] += n }
    }

    public struct Result {
        public var vocabulary: Vocabulary
        /// Every combination seen (in training) → its token id.
        public var ids: [Combination: Int]
        public var mappedCombinations: Int
        /// The kept combinations, most frequent first, then silence.
        var kept: [Combination]
    }

    public func build(minCount: Int) -> Result {
        // Most frequent first; equal counts in a fixed order of the masks, so the vocabulary is deterministic.
        let ranked = counts.sorted { a, b in
            a.value != b.value ? a.value > b.value : (a.key.sounding, a.key.struck) < (b.key.sounding, b.key.struck)
        }
        let kept = ranked.filter { $0.value >= minCount && !$0.key.isSilence }.map(\.key)
        let vocabulary = Vocabulary.combination(kept)
        var ids: [Combination: Int] = [:]
        for c in kept + [.silence] { ids[c] = vocabulary.id(of: .frame(c))! }
        let rare = ranked.filter { $0.value < minCount && !$0.key.isSilence }.map(\.key)
        var result = Result(vocabulary: vocabulary, ids: ids, mappedCombinations: rare.count, kept: kept + [.silence])
        result.map(rare)
        return result
    }

    /// The kept combination nearest to `c`, ties going to the more frequent (earlier in `kept`).
    ///
    /// Kept combinations are grouped by how many pitches sound; a group whose size differs from `c`'s
    /// by d costs at least 2d (smaller) or 4d (larger), so groups are searched cheapest first and the
    /// search stops once no group can beat the best found. Same answer as a scan of all, far fewer steps.
    struct NearestIndex: @unchecked Sendable {
        /// Per pitch count: (combination, rank in `kept`).
        var groups: [[(Combination, Int)]] = Array(repeating: [], count: 129)

        init(kept: [Combination]) {
            for (rank, k) in kept.enumerated() { groups[k.sounding.nonzeroBitCount].append((k, rank)) }
        }

        func nearest(_ c: Combination) -> Combination {
            let n = c.sounding.nonzeroBitCount
            var best = Combination.silence, bestDistance = Int.max, bestRank = Int.max
            let sizes = (0...128).sorted { lowerBound(n, $0) < lowerBound(n, $1) }
            for m in sizes where !groups[m].isEmpty {
                if lowerBound(n, m) > bestDistance { break }
                for (k, rank) in groups[m] {
                    let d = c.distance(to: k)
                    if d < bestDistance || (d == bestDistance && rank < bestRank) {
                        best = k; bestDistance = d; bestRank = rank
                    }
                }
            }
            return best
        }

        private func lowerBound(_ n: Int, _ m: Int) -> Int { m < n ? 2 * (n - m) : 4 * (m - n) }
    }
}

extension CombinationVocabularyBuilder.Result {
    /// Gives each of `combinations` without an id the id of its nearest kept combination, on all cores
    /// (a search over the whole kept vocabulary per combination).
    public mutating func map(_ combinations: [Combination]) {
        let missing = Array(Set(combinations.filter { ids[$0] == nil }))
        guard !missing.isEmpty else { return }
        var nearest = [Combination](repeating: .silence, count: missing.count)
        let chunks = ProcessInfo.processInfo.activeProcessorCount * 4
        let index = CombinationVocabularyBuilder.NearestIndex(kept: kept)
        nearest.withUnsafeMutableBufferPointer { out in
            // Each chunk writes its own indices: no two threads touch the same element.
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for i in stride(from: chunk, to: missing.count, by: chunks) {
                    out[i] = index.nearest(missing[i])
                }
            }
        }
        for (c, k) in zip(missing, nearest) { ids[c] = vocabulary.id(of: .frame(k))! }
    }

    /// The id of a combination that `map` has seen (or that is in the vocabulary).
    public func id(of c: Combination) -> Int { ids[c]! }
}

/// Maps any combination to a token of a given vocabulary: its own id, or its nearest kept combination's
/// (by the same rule as `--min-count`). For primers, whose chords a model may never have seen.
public struct CombinationMapper: Sendable {
    private let vocabulary: Vocabulary
    private let index: CombinationVocabularyBuilder.NearestIndex

    public init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        let kept = vocabulary.tokens.compactMap { if case .frame(let c) = $0, !c.isSilence { c } else { nil } }
        index = CombinationVocabularyBuilder.NearestIndex(kept: kept + [.silence])
    }

    public func id(for combination: Combination) -> Int {
        vocabulary.id(of: .frame(combination)) ?? vocabulary.id(of: .frame(index.nearest(combination)))!
    }
}
