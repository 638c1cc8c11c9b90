import MIDIFile

/// The events handed to the kernel queue that may not have been sent yet, so that `silence` can tell which notes
/// are left sounding when it cuts the queue.
///
/// The performer says which notes sound at its `now`, but the queue keeps running while we cut it: a note-on due
/// a moment after `now` may go out before the cut and lose its note-off with it. Replaying the queued events
/// between `now` and the cut (conservatively: a note-on that may have gone out counts, a note-off only if it
/// surely has) finds those notes too.
public struct QueuedNotes {
    /// In time order (batches arrive in order; each batch is in order).
    public private(set) var events: [TimedEvent] = []

    /// Remembers `batch`, which was just queued.
    public init() {}

    public mutating func add(_ batch: [TimedEvent]) { events += batch }

    /// Forgets the events before `time`: they have been sent, and the performer's notion of what sounds at any
    /// later `now` covers them.
    public mutating func forget(before time: Double) {
        guard let first = events.firstIndex(where: { $0.time >= time }) else { events.removeAll(); return }
        events.removeFirst(first)
    }

    public mutating func removeAll() { events.removeAll() }

    /// The notes sounding after the queue was cut: `sounding` at `now`, plus note-ons queued from `now` up to
    /// `maybeSent`, minus those whose note-off is at or before `surelySent`. One note-off per (channel, pitch),
    /// ordered by channel then pitch; a note-off too many is harmless, one too few leaves a note hanging.
    public func sounding(_ sounding: [TimedEvent], now: Double, surelySent: Double, maybeSent: Double) -> [TimedEvent] {
        struct Key: Hashable, Comparable {
            var channel: UInt8, pitch: UInt8
            static func < (a: Key, b: Key) -> Bool { (a.channel, a.pitch) < (b.channel, b.pitch) }
        }
        var keys = Set<Key>()
        for event in sounding {
            if case .noteOn(let pitch, _) = event.kind { keys.insert(Key(channel: event.channel, pitch: pitch)) }
            if case .noteOff(let pitch) = event.kind { keys.insert(Key(channel: event.channel, pitch: pitch)) }
        }
        for event in events where event.time >= now && event.time <= maybeSent {
            switch event.kind {
            case .noteOn(let pitch, _): keys.insert(Key(channel: event.channel, pitch: pitch))
            case .noteOff(let pitch) where event.time <= surelySent: keys.remove(Key(channel: event.channel, pitch: pitch))
            default: break
            }
        }
        return keys.sorted().map { TimedEvent(time: now, .noteOff(pitch: $0.pitch), channel: $0.channel) }
    }
}
