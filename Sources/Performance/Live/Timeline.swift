import MIDIFile

/// The events sent to the sinks but not yet due, and the notes sounding now.
///
/// The performer adds events as it schedules them and advances the timeline as the clock moves: what falls due
/// goes to the recorder, and the sounding set is what must be silenced if the session stops now. Both parts
/// stay as small as the lookahead and the polyphony, however long the session runs.
struct Timeline {
    /// Scheduled, not yet due, in time order; `head` is the first not yet taken (compacted as it grows).
    private var pending: [TimedEvent] = []
    private var head = 0
    /// What sounds now.
    private var sounding = SoundingNotes()
    /// Every channel an event was sent on: CC 123 goes to each at the end.
    private(set) var channels: Set<UInt8> = []

    var pendingCount: Int { pending.count - head }

    mutating func add(_ events: [TimedEvent]) {
        for event in events {
            pending.append(event)
            channels.insert(event.channel)
        }
    }

    /// Takes the events due by `time` (in order), updating what sounds.
    mutating func advance(to time: Double) -> [TimedEvent] {
        let start = head
        while head < pending.count && pending[head].time <= time {
            sounding.apply(pending[head])
            head += 1
        }
        let due = Array(pending[start..<head])
        if head > 1024 && head * 2 > pending.count {
            pending.removeFirst(head)
            head = 0
        }
        return due
    }

    /// The note-on of each note sounding now, by channel and pitch.
    var soundingNotes: [TimedEvent] { sounding.onsets }

    /// The note-ons that will still sound once every pending event has fallen due.
    var soundingAfterPending: [TimedEvent] {
        var after = sounding
        for event in pending[head...] { after.apply(event) }
        return after.onsets
    }

    /// Every note that sounds now or may start from what is pending: what a sink must silence when its queue
    /// cannot be trusted to drop the pending events (a failing sink, or events already on their way).
    var notesThatMaySound: [TimedEvent] {
        var notes = sounding.onsets
        var started = SoundingNotes()
        for event in pending[head...] {
            guard case .noteOn(let pitch, _) = event.kind else { continue }
            if !sounding.contains(channel: event.channel, pitch: pitch) && !started.contains(channel: event.channel, pitch: pitch) {
                started.apply(event)
                notes.append(event)
            }
        }
        return notes
    }

    /// Forgets what was pending (the sinks dropped it).
    mutating func dropPending() {
        pending.removeAll(keepingCapacity: true)
        head = 0
    }
}
