import MIDIFile

/// The notes that statistics are taken over: every note but the drums.
///
/// Channel 10 (index 9) holds General MIDI percussion, whose "pitches" are instruments; MusPy leaves
/// drum tracks out of its pitch metrics and `yamg preprocess` leaves them out of corpora, so they are
/// left out here too. Notes that end before they start (impossible from a file, possible from hand-built
/// lists) are dropped. The result is sorted by start, then pitch.
public enum MeasuredNotes {
    public static let drumChannel: UInt8 = 9

    public static func from(_ notes: [Note]) -> [Note] {
        notes.filter { $0.channel != drumChannel && $0.end >= $0.start }
            .sorted { ($0.start, $0.pitch, $0.end) < ($1.start, $1.pitch, $1.end) }
    }
}
