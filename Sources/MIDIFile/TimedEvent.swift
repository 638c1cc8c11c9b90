/// A MIDI event at a time in seconds: what decoders emit, schedulers send and recorders write.
public struct TimedEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case noteOn(pitch: U7, velocity: U7)
        case noteOff(pitch: U7)
        case control(controller: U7, value: U7)
        case program(U7)
    }

    /// Seconds from the start of the piece or session.
    public var time: Double
    public var kind: Kind
    public var channel: U4

    public init(time: Double, _ kind: Kind, channel: U4 = 0) {
        self.time = time
        self.kind = kind
        self.channel = channel
    }

    /// Whether it strikes a note.
    public var isNoteOn: Bool { if case .noteOn = kind { true } else { false } }

    /// The channel message for this event at `tick`.
    public func trackEvent(tick: Int64) -> TrackEvent {
        switch kind {
        case .noteOn(let pitch, let velocity): .noteOn(tick: tick, channel: channel, pitch: pitch, velocity: velocity)
        case .noteOff(let pitch): .noteOff(tick: tick, channel: channel, pitch: pitch)
        case .control(let controller, let value): .controlChange(tick: tick, channel: channel, controller: controller, value: value)
        case .program(let program): .programChange(tick: tick, channel: channel, program: program)
        }
    }
}

extension StandardMIDIFile {
    /// A format-1 file of timed events: a tempo track (120 bpm, 4/4) and one part holding `events`
    /// (in time order) after a program change, with `ticksPerQuarter` ticks per quarter (960: ~0.5 ms).
    /// `endTime` (seconds), when later than the last event, places the end of the tracks there.
    public init(events: [TimedEvent], program: U7 = 0, channel: U4 = 0, trackName: String? = nil,
                ticksPerQuarter: UInt16 = 960, endTime: Double? = nil) {
        self.init(format: 1, division: .ticksPerQuarter(ticksPerQuarter))
        let ticksPerSecond = Double(ticksPerQuarter) * 1e6 / Double(TempoMap.defaultMicrosecondsPerQuarter)
        var tempo = Track()
        tempo.append(.tempo(microsecondsPerQuarter: TempoMap.defaultMicrosecondsPerQuarter), at: 0)
        tempo.append(.timeSignature(numerator: 4, denominatorPower: 2, clocksPerClick: 24, thirtySecondsPerQuarter: 8), at: 0)
        var part = Track()
        if let trackName { part.append(.text(.trackName, Array(trackName.utf8)), at: 0) }
        part.append(TimedEvent(time: 0, .program(program), channel: channel).trackEvent(tick: 0))
        var last: Int64 = 0
        for event in events {
            last = max(last, Int64((max(0, event.time) * ticksPerSecond).rounded()))
            part.append(event.trackEvent(tick: last))
        }
        if let endTime { last = max(last, Int64((endTime * ticksPerSecond).rounded())) }
        part.append(.endOfTrack, at: last)
        tempo.append(.endOfTrack, at: last)
        tracks = [tempo, part]
    }
}

extension StandardMIDIFile {
    /// A format-1 file of several parts (a duet: yamg's notes and a player's), each on its own named track with
    /// its program, after the tempo track; as ``init(events:program:channel:trackName:ticksPerQuarter:endTime:)``
    /// for each part.
    public init(parts: [(name: String, program: U7, events: [TimedEvent])], ticksPerQuarter: UInt16 = 960, endTime: Double? = nil) {
        var tracks: [Track] = []
        for (i, part) in parts.enumerated() {
            let one = StandardMIDIFile(events: part.events, program: part.program, trackName: part.name,
                                       ticksPerQuarter: ticksPerQuarter, endTime: endTime)
            if i == 0 { tracks.append(one.tracks[0]) }
            tracks.append(one.tracks[1])
        }
        self.init(format: 1, division: .ticksPerQuarter(ticksPerQuarter))
        self.tracks = tracks
    }
}

extension [TimedEvent] {
    /// The events up to `time`, with a note-off at `time` for every note still sounding then.
    public func cut(at time: Double) -> [TimedEvent] {
        var kept: [TimedEvent] = []
        var sounding: [U4: Set<U7>] = [:]  // channel → pitches
        for e in self where e.time <= time {
            kept.append(e)
            switch e.kind {
            case .noteOn(let p, _): sounding[e.channel, default: []].insert(p)
            case .noteOff(let p): sounding[e.channel]?.remove(p)
            default: break
            }
        }
        for (channel, pitches) in sounding.sorted(by: { $0.key < $1.key }) {
            for p in pitches.sorted() { kept.append(TimedEvent(time: time, .noteOff(pitch: p), channel: channel)) }
        }
        return kept
    }
}
