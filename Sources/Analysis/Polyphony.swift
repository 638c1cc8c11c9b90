import MIDIFile

/// How many pitches sound at once, measured over continuous time (MusPy measures the same on a piano
/// roll of ticks; this is its limit for fine steps).
///
/// A pitch sounds from its note's start to its end; two notes of one pitch that overlap count once
/// (a piano roll has one row per pitch); zero-length notes never sound. With c(t) the number of
/// pitches sounding at time t and L the piece's length (the end of its last note, from time 0):
/// - `mean` = ∫ c(t) dt / |{t : c(t) > 0}| — MusPy's polyphony, the average where something sounds;
/// - `max` = the largest c(t) held for a positive time;
/// - `rate` = |{t : c(t) ≥ 2}| / L — the share of the piece where two or more pitches sound
///   (MusPy's polyphony rate counts steps with more than `threshold` = 2 pitches, i.e. three or more,
///   although its docs say "multiple"; two is what the name means).
public struct Polyphony: Sendable, Equatable {
    public var mean: Double?
    public var max: Int
    public var rate: Double?

    public init(_ notes: [Note], length: Double) {
        var events: [(time: Double, pitch: Int, delta: Int)] = []
        events.reserveCapacity(notes.count * 2)
        for n in notes where n.end > n.start {
            events.append((n.start, Int(n.pitch), 1))
            events.append((n.end, Int(n.pitch), -1))
        }
        events.sort { $0.time < $1.time }
        var perPitch = [Int](repeating: 0, count: 128)
        var sounding = 0, highest = 0
        var weighted = 0.0, soundingTime = 0.0, multipleTime = 0.0
        var i = 0
        while i < events.count {
            let time = events[i].time
            // Every change at this instant first, then the stretch until the next one.
            while i < events.count && events[i].time == time {
                let p = events[i].pitch
                let before = perPitch[p]
                perPitch[p] += events[i].delta
                if before == 0 && perPitch[p] > 0 { sounding += 1 }
                if before > 0 && perPitch[p] == 0 { sounding -= 1 }
                i += 1
            }
            guard i < events.count else { break }
            let span = events[i].time - time
            guard span > 0, sounding > 0 else { continue }
            weighted += Double(sounding) * span
            soundingTime += span
            if sounding >= 2 { multipleTime += span }
            highest = Swift.max(highest, sounding)
        }
        mean = soundingTime > 0 ? weighted / soundingTime : nil
        max = highest
        rate = length > 0 ? multipleTime / length : nil
    }
}
