import MIDIFile

/// What the player is doing, as the performer's input handling sees it: the keys held (and since when), the
/// sustain pedal, when the last key was struck or released, and the phrase played since the last answer.
///
/// Bounded whatever comes in: at most 128 keys per channel are held, a key held past ``stuckAfter`` counts as
/// released (a note-on whose note-off never came), and the phrase keeps its newest ``phraseLimit`` events.
struct PlayerNotes {
    /// A key held longer than this is released by yamg (a lost note-off must not hold `respond` back for ever).
    static let stuckAfter = 8.0
    /// The phrase a `respond` answer continues: its newest events only.
    static let phraseLimit = 512

    /// Held keys by channel and pitch (`channel << 8 | pitch`): when each was struck.
    private(set) var held: [UInt16: Double] = [:]
    private(set) var pedalDown = false
    /// The pedal went up since the phrase's last note (`respond-pedal`).
    var pedalLifted = false
    private(set) var lastNoteOn = -Double.infinity
    /// The last key struck or released: the end of a call.
    private(set) var lastNote = -Double.infinity
    private(set) var phrase: [TimedEvent] = []
    /// Whether the phrase has a note-on (something to answer).
    var hasPhrase: Bool { phrase.contains(where: \.isNoteOn) }

    /// The pitches held, whatever the channel.
    var heldPitches: UInt128 {
        held.keys.reduce(0) { $0 | 1 << UInt128($1 & 0x7F) }
    }

    /// Takes one event; returns what to keep of it: a note event, a note-off first when a held key is struck again
    /// (so every note-on has its note-off), the sustain pedal; nothing for a note-off of a key not held.
    mutating func take(_ event: TimedEvent) -> [TimedEvent] {
        let key = UInt16(event.channel) << 8
        var kept: [TimedEvent] = []
        switch event.kind {
        case .noteOn(let pitch, _):
            if held[key | UInt16(pitch.rawValue)] != nil {
                kept += take(TimedEvent(time: event.time, .noteOff(pitch: pitch), channel: event.channel))
            }
            held[key | UInt16(pitch.rawValue)] = event.time
            lastNoteOn = event.time
            lastNote = event.time
            pedalLifted = false
        case .noteOff(let pitch):
            guard held.removeValue(forKey: key | UInt16(pitch.rawValue)) != nil else { return [] }
            lastNote = event.time
        case .control(64, let value):
            let down = value >= 64
            if pedalDown && !down { pedalLifted = true }
            pedalDown = down
        default:
            return []
        }
        phrase.append(event)
        if phrase.count > Self.phraseLimit { phrase.removeFirst(phrase.count - Self.phraseLimit / 2) }
        return kept + [event]
    }

    /// Note-offs at `now` for keys held longer than ``stuckAfter`` (they are released here).
    mutating func releaseStuck(now: Double) -> [TimedEvent] {
        let stuck = held.filter { now - $0.value > Self.stuckAfter }.keys.sorted()
        return stuck.flatMap { key in
            take(TimedEvent(time: now, .noteOff(pitch: U7(truncating: Int(key & 0x7F))), channel: U4(truncating: Int(key >> 8))))
        }
    }

    /// Note-ons of every key held now (what `--thru` must end when the session stops).
    var heldOnsets: [TimedEvent] {
        held.map { TimedEvent(time: $0.value, .noteOn(pitch: U7(truncating: Int($0.key & 0x7F)), velocity: 64),
                              channel: U4(truncating: Int($0.key >> 8))) }
    }

    /// The phrase is answered (or dropped): the next note starts a new one.
    mutating func clearPhrase() {
        phrase.removeAll(keepingCapacity: true)
        pedalLifted = false
    }
}
