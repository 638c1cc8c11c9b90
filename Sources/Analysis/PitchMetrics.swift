import MIDIFile

/// Metrics of which pitches a piece uses (MusPy's pitch metrics and Yang & Lerch's PC, PR, PCH, PCTM).
/// Every note counts once, whatever its length — as both define them.
public enum PitchMetrics {
    /// Lowest and highest pitch; the range is highest − lowest, in semitones.
    public static func extremes(_ notes: [Note]) -> (lowest: Int, highest: Int)? {
        guard let first = notes.first else { return nil }
        var low = Int(first.pitch), high = Int(first.pitch)
        for n in notes {
            low = min(low, Int(n.pitch))
            high = max(high, Int(n.pitch))
        }
        return (low, high)
    }

    /// How many notes there are of each of the 128 pitches.
    public static func pitchCounts(_ notes: [Note]) -> [Double] {
        var counts = [Double](repeating: 0, count: 128)
        for n in notes { counts[Int(n.pitch)] += 1 }
        return counts
    }

    /// How many notes there are of each pitch class (0 = C … 11 = B).
    public static func pitchClassCounts(_ notes: [Note]) -> [Double] {
        var counts = [Double](repeating: 0, count: 12)
        for n in notes { counts[Int(n.pitch) % 12] += 1 }
        return counts
    }

    /// How many bins of `counts` are used at least once (pitches used, pitch classes used).
    public static func used(_ counts: [Double]) -> Int {
        var n = 0
        for c in counts where c > 0 { n += 1 }
        return n
    }

    /// The major scale on C as pitch classes; natural minor is the same set from A (MusPy's two masks).
    static let majorScale: Set<Int> = [0, 2, 4, 5, 7, 9, 11]
    static let minorScale: Set<Int> = [0, 2, 3, 5, 7, 8, 10]

    /// Scale consistency (MusPy, after Mogren's C-RNN-GAN): the largest fraction of notes inside one scale,
    /// over the 24 major and natural-minor scales. 1 for a piece that stays in one key without accidentals.
    public static func scaleConsistency(pitchClassCounts counts: [Double]) -> Double {
        var total = 0.0
        for c in counts { total += c }
        guard total > 0 else { return 0 }
        var best = 0.0
        for scale in [majorScale, minorScale] {
            for root in 0..<12 {
                var inside = 0.0
                for pc in 0..<12 where scale.contains((pc - root + 12) % 12) { inside += counts[pc] }
                best = max(best, inside / total)
            }
        }
        return best
    }

    /// Yang & Lerch's pitch-class transition matrix: for each pair of consecutive notes (in order of
    /// start, then pitch — a chord is read upwards), a count at [from pitch class][to pitch class];
    /// normalized to sum 1 and flattened row by row (144 values). Nil for fewer than two notes.
    public static func transitions(_ sortedNotes: [Note]) -> [Double]? {
        guard sortedNotes.count >= 2 else { return nil }
        var counts = [Double](repeating: 0, count: 144)
        for i in 1..<sortedNotes.count {
            counts[Int(sortedNotes[i - 1].pitch) % 12 * 12 + Int(sortedNotes[i].pitch) % 12] += 1
        }
        return Distribution.normalized(counts)
    }
}
