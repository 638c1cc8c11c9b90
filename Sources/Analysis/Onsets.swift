import MIDIFile

/// The rhythm of note starts: Yang & Lerch's inter-onset interval (IOI).
///
/// An onset is a moment at which one or more notes start; starts less than `window` (10 ms, one time
/// step of the performance encoding) after an onset belong to it, so a chord — or a slightly
/// spread one in a performance — is one onset. An IOI is the time from one onset to the next.
public enum Onsets {
    public static let window = 0.01

    /// The onset times of notes sorted by start.
    public static func times(_ sortedNotes: [Note]) -> [Double] {
        var onsets: [Double] = []
        for n in sortedNotes {
            if let last = onsets.last, n.start - last < window { continue }
            onsets.append(n.start)
        }
        return onsets
    }

    /// The intervals between consecutive onsets, in seconds (empty for fewer than two onsets).
    public static func intervals(_ onsets: [Double]) -> [Double] {
        guard onsets.count >= 2 else { return [] }
        var result: [Double] = []
        result.reserveCapacity(onsets.count - 1)
        for i in 1..<onsets.count { result.append(onsets[i] - onsets[i - 1]) }
        return result
    }
}
