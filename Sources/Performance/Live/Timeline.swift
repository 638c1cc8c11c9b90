import MIDIFile

/// The events sent to the sinks but not yet due, and the notes sounding now.
///
/// The performer adds events as it schedules them and advances the timeline as the clock moves: what falls due
/// goes to the recorder, and ``notesToSilence(includingPending:)`` is what must be silenced if the session stops
/// now. Every part stays as small as the lookahead and the polyphony, however long the session runs.
struct Timeline {
    /// Scheduled, not yet due, in time order; `head` is the first not yet taken (compacted as it grows).
    private var pending: [TimedEvent] = []
    private var head = 0
    /// The events that fell due at the last advance (within ``recentWindow``): a sink may not have delivered them
    /// yet when its queue is cut (a timer that fires a little late), so their note-offs are not trusted to have gone
    /// out. What fell due at earlier ticks has had a tick's time to go.
    private var recent: [TimedEvent] = []
    /// What sounds after the events before `recent`.
    private var settled = SoundingNotes()
    /// Every channel an event was sent on: CC 123 goes to each at the end.
    private(set) var channels: Set<U4> = []

    static let recentWindow = 0.25

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
        while head < pending.count && pending[head].time <= time { head += 1 }
        let due = Array(pending[start..<head])
        if head > 1024 && head * 2 > pending.count {
            pending.removeFirst(head)
            head = 0
        }
        for event in recent { settled.apply(event) }
        let old = due.prefix { $0.time < time - Self.recentWindow }
        for event in old { settled.apply(event) }
        recent = Array(due[old.count...])
        return due
    }

    /// The note-ons that will still sound once every pending event has fallen due.
    var soundingAfterPending: [TimedEvent] {
        settled.mayStillSound(after: recent, surelySentBy: .infinity)
            .mayStillSound(after: pending[head...], surelySentBy: .infinity).onsets
    }

    /// The notes a sink must silence when it is cut now: those sounding, those whose note-off fell due only
    /// recently (it may still sit in the sink's queue, which the cut empties), and with `includingPending` every
    /// note that may start from what is pending (a failing sink, whose queue cannot be trusted to drop it).
    func notesToSilence(includingPending: Bool) -> [TimedEvent] {
        let due = settled.mayStillSound(after: recent, surelySentBy: -.infinity)
        guard includingPending else { return due.onsets }
        return due.mayStillSound(after: pending[head...], surelySentBy: -.infinity).onsets
    }

    /// The events scheduled and not yet due, in order.
    var pendingEvents: ArraySlice<TimedEvent> { pending[head...] }

    /// Forgets what was pending (the sinks dropped it).
    mutating func dropPending() {
        pending.removeAll(keepingCapacity: true)
        head = 0
    }
}
