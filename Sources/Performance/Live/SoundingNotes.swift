import MIDIFile

/// The notes sounding after a run of events, by channel and pitch. A pitch struck again before it ended counts
/// twice, so it sounds until both have ended.
struct SoundingNotes {
    private var notes: [UInt16: (onset: TimedEvent, count: Int)] = [:]

    init() {}

    init(after events: some Sequence<TimedEvent>) {
        for event in events { apply(event) }
    }

    mutating func apply(_ event: TimedEvent) {
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

    func contains(channel: UInt8, pitch: UInt8) -> Bool { notes[UInt16(channel) << 8 | UInt16(pitch)] != nil }

    /// The note-on of each sounding note, by channel and pitch.
    var onsets: [TimedEvent] { notes.sorted { $0.key < $1.key }.map(\.value.onset) }
}
