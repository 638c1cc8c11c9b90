import MIDIFile

/// Where a file's beats fall, in seconds: one beat per quarter note, timed through the file's tempo
/// changes (MusPy's beat is likewise its resolution, the ticks per quarter). A file with SMPTE
/// division has no beats of its own and gets one every 0.5 s (120 bpm, MIDI's default tempo); so does
/// a list of notes with no file. Format 2 files are timed by the merged tempo map of all tracks.
public struct BeatGrid: Sendable {
    private let tempoMap: TempoMap?
    private let ticksPerBeat: Int64
    private let secondsPerBeat: Double

    /// Beats every `seconds`.
    public init(secondsPerBeat seconds: Double = 0.5) {
        self.init(tempoMap: nil, ticksPerBeat: 0, secondsPerBeat: seconds)
    }

    /// The quarter notes of `file`.
    public init(file: StandardMIDIFile) {
        if case .ticksPerQuarter(let tpq) = file.division, tpq > 0 {
            self.init(tempoMap: file.tempoMap(), ticksPerBeat: Int64(tpq), secondsPerBeat: 0)
        } else {
            self.init()
        }
    }

    private init(tempoMap: TempoMap?, ticksPerBeat: Int64, secondsPerBeat: Double) {
        self.tempoMap = tempoMap
        self.ticksPerBeat = ticksPerBeat
        self.secondsPerBeat = secondsPerBeat
    }

    /// The start time of beat `k` (from 0).
    public func start(ofBeat k: Int) -> Double {
        guard let tempoMap else { return Double(k) * secondsPerBeat }
        return tempoMap.seconds(atTick: Int64(k) * ticksPerBeat)
    }

    /// The starts of the beats that begin before `end` (at most a million).
    public func starts(before end: Double) -> [Double] {
        var result: [Double] = []
        var k = 0
        while k < 1_000_000 {
            let t = start(ofBeat: k)
            guard t < end else { break }
            result.append(t)
            k += 1
        }
        return result
    }
}

/// The empty-beat rate (MusPy, after Pypianoroll): the share of beats in which no note sounds.
///
/// The beats are those that start before the piece's last note ends. A beat is not empty when a note
/// sounds during any part of it: a note starting in beat i and ending in beat j fills beats i…j, but
/// a note ending exactly on a beat line does not reach into the next beat (MusPy's code counts that
/// beat too); a zero-length note fills the beat it is in. This is MusPy's "sounding" reading — its code
/// fills every beat from a note's start to its end, not only the beats holding an onset.
public enum EmptyBeats {
    /// (empty-beat rate, number of beats); the rate is nil when there are no beats.
    public static func rate(_ notes: [Note], beats: [Double]) -> (rate: Double?, beats: Int) {
        guard !beats.isEmpty else { return (nil, 0) }
        var filled = [Bool](repeating: false, count: beats.count)
        for n in notes {
            var k = beatIndex(containing: n.start, beats)
            filled[k] = true
            k += 1
            while k < beats.count && beats[k] < n.end {
                filled[k] = true
                k += 1
            }
        }
        var empty = 0
        for f in filled where !f { empty += 1 }
        return (Double(empty) / Double(beats.count), beats.count)
    }

    /// The last beat starting at or before `time` (the first beat for earlier times).
    static func beatIndex(containing time: Double, _ beats: [Double]) -> Int {
        var low = 0, high = beats.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if beats[mid] <= time { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
