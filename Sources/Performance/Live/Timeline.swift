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
    /// Note-ons sounding now, by channel and pitch (a re-struck pitch counts twice until both end).
    private var sounding: [UInt16: (event: TimedEvent, count: Int)] = [:]
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
            let event = pending[head]
            head += 1
            let key = UInt16(event.channel) << 8
            switch event.kind {
            case .noteOn(let pitch, _):
                let k = key | UInt16(pitch)
                sounding[k] = (event, (sounding[k]?.count ?? 0) + 1)
            case .noteOff(let pitch):
                let k = key | UInt16(pitch)
                if let entry = sounding[k] { sounding[k] = entry.count > 1 ? (entry.event, entry.count - 1) : nil }
            default: break
            }
        }
        let due = Array(pending[start..<head])
        if head > 1024 && head * 2 > pending.count {
            pending.removeFirst(head)
            head = 0
        }
        return due
    }

    /// The note-on of each note sounding now, by channel and pitch.
    var soundingNotes: [TimedEvent] {
        sounding.sorted { $0.key < $1.key }.map(\.value.event)
    }

    /// The note-ons that will still sound once every pending event has fallen due.
    var soundingAfterPending: [TimedEvent] {
        var counts = sounding.mapValues { $0 }
        for event in pending[head...] {
            let key = UInt16(event.channel) << 8
            switch event.kind {
            case .noteOn(let pitch, _):
                let k = key | UInt16(pitch)
                counts[k] = (event, (counts[k]?.count ?? 0) + 1)
            case .noteOff(let pitch):
                let k = key | UInt16(pitch)
                if let entry = counts[k] { counts[k] = entry.count > 1 ? (entry.event, entry.count - 1) : nil }
            default: break
            }
        }
        return counts.sorted { $0.key < $1.key }.map(\.value.event)
    }

    /// Every note that sounds now or may start from what is pending: what a sink must silence when its queue
    /// cannot be trusted to drop the pending events (a failing sink, or events already on their way).
    var notesThatMaySound: [TimedEvent] {
        var notes = soundingNotes
        var seen = Set(notes.map { UInt16($0.channel) << 8 | UInt16(Self.pitch(of: $0)) })
        for event in pending[head...] {
            guard case .noteOn(let pitch, _) = event.kind else { continue }
            if seen.insert(UInt16(event.channel) << 8 | UInt16(pitch)).inserted { notes.append(event) }
        }
        return notes
    }

    private static func pitch(of note: TimedEvent) -> UInt8 {
        if case .noteOn(let pitch, _) = note.kind { pitch } else { 0 }
    }

    /// Forgets what was pending (the sinks dropped it).
    mutating func dropPending() {
        pending.removeAll(keepingCapacity: true)
        head = 0
    }
}
