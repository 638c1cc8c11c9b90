import MIDIFile

/// The one notion of which notes sound, by channel and pitch: what the timeline tracks, what the end of a session
/// silences, and what every sink's `silence` is given (the ALSA sink refines it with its own queue).
///
/// A pitch struck again before it ended counts twice, so it sounds until both have ended.
public struct SoundingNotes: Sendable {
    private var notes: [UInt16: (onset: TimedEvent, count: Int)] = [:]

    public init() {}

    public init(after events: some Sequence<TimedEvent>) {
        for event in events { apply(event) }
    }

    public mutating func apply(_ event: TimedEvent) {
        let channel = UInt16(event.channel) << 8
        switch event.kind {
        case .noteOn(let pitch, _):
            let key = channel | UInt16(pitch)
            notes[key] = (event, (notes[key]?.count ?? 0) + 1)
        case .noteOff(let pitch):
            let key = channel | UInt16(pitch)
            if let entry = notes[key] { notes[key] = entry.count > 1 ? (entry.onset, entry.count - 1) : nil }
        default: break
        }
    }

    /// The notes that may still sound once `events` have gone out, or may have, on top of these: every note-on
    /// counts (it may have sounded), a note-off only if it surely went out (at or before `surelySentBy`).
    /// A note-off too many is harmless; one too few hangs a note.
    public func mayStillSound(after events: some Sequence<TimedEvent>, surelySentBy: Double) -> SoundingNotes {
        var result = self
        for event in events {
            if case .noteOff = event.kind, event.time > surelySentBy { continue }
            result.apply(event)
        }
        return result
    }

    public func contains(channel: U4, pitch: U7) -> Bool { notes[UInt16(channel) << 8 | UInt16(pitch)] != nil }

    public var isEmpty: Bool { notes.isEmpty }

    /// The note-on of each sounding note, by channel and pitch.
    public var onsets: [TimedEvent] { notes.sorted { $0.key < $1.key }.map(\.value.onset) }

    /// A note-off at `time` for each sounding note, by channel then pitch.
    public func noteOffs(at time: Double) -> [TimedEvent] {
        notes.keys.sorted().map { TimedEvent(time: time, .noteOff(pitch: U7(truncating: $0)), channel: U4(truncating: $0 >> 8)) }
    }
}
