import Foundation

/// The live control `tempo hold`: a piece keeps the pace its opening set.
///
/// Left alone, a model's pieces start at many tempi (as the music it learned does) and then drift towards the
/// one pulse it heard most, about 0.25 s between onsets for the default model, within 15-30 s. The hold measures
/// the opening's pace — the median time between onsets over its first ``openingIntervals`` intervals, on the
/// tokens' own clock — and from then on stretches the decoder's clock by that pace over the recent one (the
/// median of the last ``recentIntervals``), within ``maxStretch`` either way, easing towards that aim over
/// ``smoothing`` seconds. The tokens, and so the model's rhythm, are untouched: only when they sound changes, as a
/// conductor holds an orchestra that rushes.
/// Chord notes struck together are one onset. A new piece (or a player's phrase) measures afresh.
public struct TempoHold: Sendable {
    /// Intervals between onsets that make the opening's pace (about 3-6 s of music).
    public static let openingIntervals = 16
    /// Intervals between onsets that make the recent pace.
    public static let recentIntervals = 16
    /// The most the clock is stretched (or shrunk: its inverse).
    public static let maxStretch = 2.0
    /// Seconds (on the tokens' clock) over which the stretch follows the recent pace: a conductor eases into a
    /// tempo rather than jumping at each note.
    public static let smoothing = 2.0
    /// Onsets closer than this are one onset (a chord).
    static let sameOnset = 1e-6

    /// The opening's median interval; nil until the opening is heard.
    public private(set) var pace: Double?
    /// Sounding seconds per token second, what the decoder's ``Decoder/stretch`` should be.
    public private(set) var stretch = 1.0
    /// Onset times of this piece on the tokens' clock: the opening's, then the recent ones.
    private var onsets: [Double] = []

    public init() {}

    /// A new piece: the opening is measured again, the clock plays the tokens' timing meanwhile.
    public mutating func startPiece() {
        pace = nil
        stretch = 1
        onsets.removeAll(keepingCapacity: true)
    }

    /// A note struck at `time` on the tokens' clock (times never decrease within a piece).
    public mutating func onset(at time: Double) {
        if let last = onsets.last, time - last < Self.sameOnset { return }
        onsets.append(time)
        guard let pace else {
            if onsets.count > Self.openingIntervals { self.pace = Self.medianInterval(onsets) }
            return
        }
        if onsets.count > Self.recentIntervals + 1 { onsets.removeFirst(onsets.count - Self.recentIntervals - 1) }
        let recent = Self.medianInterval(onsets)
        let aim = min(Self.maxStretch, max(1 / Self.maxStretch, pace / max(recent, 1e-3)))
        let elapsed = time - onsets[onsets.count - 2]
        stretch = aim + (stretch - aim) * exp(-elapsed / Self.smoothing)
    }

    /// The median of the intervals between consecutive `times`.
    static func medianInterval(_ times: [Double]) -> Double {
        var intervals = zip(times, times.dropFirst()).map { $1 - $0 }
        intervals.sort()
        let n = intervals.count
        return n % 2 == 1 ? intervals[n / 2] : (intervals[n / 2 - 1] + intervals[n / 2]) / 2
    }
}
