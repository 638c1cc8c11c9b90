/// Converts ticks to seconds and back through a file's tempo changes.
///
/// Ticks are exact integers; the time at the start of each tempo segment is computed once, so
/// seconds do not drift however long the file. With SMPTE division ticks map to seconds directly.
public struct TempoMap: Sendable, Equatable {
    /// A stretch of constant tempo starting at `tick`, which is `seconds` from the start.
    struct Segment: Sendable, Equatable {
        var tick: Int64
        var seconds: Double
        var secondsPerTick: Double
    }

    /// The tempo before the first tempo event: 120 beats per minute.
    public static let defaultMicrosecondsPerQuarter: UInt32 = 500_000

    private(set) var segments: [Segment]

    /// A map from tempo changes in time order (a later change at the same tick wins).
    public init(division: Division, changes: [(tick: Int64, microsecondsPerQuarter: UInt32)]) {
        if let ticksPerSecond = division.smpteTicksPerSecond {
            segments = [Segment(tick: 0, seconds: 0, secondsPerTick: 1 / ticksPerSecond)]
            return
        }
        guard case .ticksPerQuarter(let tpq) = division else { preconditionFailure("unreachable") }
        let perTick = { (us: UInt32) in Double(us) / (1e6 * Double(tpq)) }
        segments = [Segment(tick: 0, seconds: 0, secondsPerTick: perTick(Self.defaultMicrosecondsPerQuarter))]
        for change in changes {
            let last = segments[segments.count - 1]
            let tick = max(change.tick, last.tick)
            let segment = Segment(tick: tick, seconds: last.seconds + Double(tick - last.tick) * last.secondsPerTick,
                                  secondsPerTick: perTick(change.microsecondsPerQuarter))
            if tick == last.tick {
                segments[segments.count - 1] = segment
            } else {
                segments.append(segment)
            }
        }
    }

    /// The segment holding `tick`: the last one starting at or before it.
    @inline(__always)
    private func segmentIndex(forTick tick: Int64) -> Int {
        var low = 0, high = segments.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if segments[mid].tick <= tick { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Seconds from the start of the file at `tick`.
    public func seconds(atTick tick: Int64) -> Double {
        let s = segments[segmentIndex(forTick: tick)]
        return s.seconds + Double(tick - s.tick) * s.secondsPerTick
    }

    /// The nearest tick at `seconds` from the start of the file.
    public func tick(atSeconds seconds: Double) -> Int64 {
        var low = 0, high = segments.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if segments[mid].seconds <= seconds { low = mid } else { high = mid - 1 }
        }
        let s = segments[low]
        return s.tick + Int64(((seconds - s.seconds) / s.secondsPerTick).rounded())
    }
}

extension StandardMIDIFile {
    /// Every tempo change of the tracks that time `track` (all tracks; for format 2 the track itself),
    /// in time order, track order breaking ties. `track` nil means all tracks.
    public func tempoChanges(forTrack track: Int? = nil) -> [(tick: Int64, microsecondsPerQuarter: UInt32)] {
        let indices = format == 2 && track != nil ? [track!] : Array(tracks.indices)
        var changes: [(tick: Int64, microsecondsPerQuarter: UInt32)] = []
        for index in indices {
            let t = tracks[index]
            for event in t.events where event.isMeta && event.data1 == 0x51 {
                if case .tempo(let us) = t.meta(event) { changes.append((event.tick, us)) }
            }
        }
        // A stable sort: tempo events at the same tick keep track order, the later one wins.
        return changes.stableSorted { $0.tick }
    }

    /// The tick-to-seconds map for the notes of `track`: the merged tempo map of all tracks for
    /// formats 0 and 1, the track's own for format 2, whose tracks are independent sequences.
    public func tempoMap(forTrack track: Int? = nil) -> TempoMap {
        TempoMap(division: division, changes: tempoChanges(forTrack: track))
    }

    /// Time-signature changes of all tracks, as (tick, numerator, denominator), in time order.
    public func timeSignatures() -> [(tick: Int64, numerator: Int, denominator: Int)] {
        var result: [(tick: Int64, numerator: Int, denominator: Int)] = []
        for t in tracks {
            for event in t.events where event.isMeta && event.data1 == 0x58 {
                if case .timeSignature(let n, let d, _, _) = t.meta(event) {
                    result.append((event.tick, Int(n), d < 63 ? 1 << Int(d) : 0))
                }
            }
        }
        return result.sorted { ($0.tick, $0.numerator, $0.denominator) < ($1.tick, $1.numerator, $1.denominator) }
    }

    /// The length in seconds: the time of the last event of any track (its end-of-track, usually).
    public var durationSeconds: Double {
        if format == 2 {
            return tracks.indices.reduce(0) { max($0, tempoMap(forTrack: $1).seconds(atTick: tracks[$1].endTick)) }
        }
        let map = tempoMap()
        return tracks.reduce(0) { max($0, map.seconds(atTick: $1.endTick)) }
    }
}
