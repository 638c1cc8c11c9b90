import MIDIFile

/// The notes an encoding sees: one merged part, played the way a piano plays it.
///
/// - Drums (channel 10) are left out: they are not pitches.
/// - The sustain pedal (CC 64 ≥ 64 down) keeps released notes sounding until it lifts.
/// - A piano has one string per key: a pitch struck again ends the earlier note of that pitch, and
///   of two notes struck together on one key the longer is kept.
public enum PianoNotes {
    public static let drumChannel: UInt8 = 9

    public static func extract(from file: StandardMIDIFile, tracks: TrackSelector? = nil, sustain: Bool = true) -> [Note] {
        var notes = file.notes().notes.filter { $0.channel != drumChannel }
        if let tracks {
            let names = file.tracks.map { $0.name.map { String(decoding: $0, as: UTF8.self).lowercased() } }
            notes = notes.filter { tracks.takes($0, trackName: names[$0.track]) }
        }
        if sustain { applySustain(to: &notes, in: file) }
        return oneStringPerKey(notes)
    }

    /// Extends each note released while its channel's pedal is down to the moment the pedal lifts
    /// (or the end of the file, if it never does).
    static func applySustain(to notes: inout [Note], in file: StandardMIDIFile) {
        // Pedal changes per channel in time order, as (seconds, down).
        var pedal: [[(time: Double, down: Bool)]] = Array(repeating: [], count: 16)
        let shared = file.format == 2 ? nil : file.tempoMap()  // one map for all tracks but in format 2
        for (index, track) in file.tracks.enumerated() {
            let map = shared ?? file.tempoMap(forTrack: index)
            for e in track.events where e.isChannelMessage && e.messageType == 0xB0 && e.data1 == 64 {
                pedal[e.channel.int].append((map.seconds(atTick: e.tick), e.data2 >= 64))
            }
        }
        guard pedal.contains(where: { !$0.isEmpty }) else { return }
        let end = file.durationSeconds
        for c in 0..<16 { pedal[c].sort { $0.time < $1.time } }
        for i in notes.indices {
            let changes = pedal[Int(notes[i].channel)]
            guard !changes.isEmpty else { continue }
            let release = notes[i].end
            // The last pedal change at or before the release decides whether the pedal holds the note.
            guard let last = changes.lastIndex(where: { $0.time <= release }), changes[last].down else { continue }
            let lift = changes[(last + 1)...].first { !$0.down }?.time ?? max(end, release)
            notes[i].end = lift
        }
    }

    /// At most one sounding note per pitch: a re-struck key cuts the earlier note; sorted by (start, pitch).
    static func oneStringPerKey(_ notes: [Note]) -> [Note] {
        var byPitch: [[Note]] = Array(repeating: [], count: 128)
        for n in notes { byPitch[Int(n.pitch)].append(n) }
        var result: [Note] = []
        result.reserveCapacity(notes.count)
        for var list in byPitch where !list.isEmpty {
            list.sort { ($0.start, -$0.end) < ($1.start, -$1.end) }
            var kept = list[0]
            for n in list.dropFirst() {
                if n.start == kept.start { continue }  // struck together: the longer one (first) stays
                if n.start < kept.end { kept.end = n.start }
                result.append(kept)
                kept = n
            }
            result.append(kept)
        }
        return result.sorted { ($0.start, $0.pitch) < ($1.start, $1.pitch) }
    }

    /// The notes `semitones` higher; those that leave the MIDI range 0–127 are dropped and counted.
    public static func transpose(_ notes: [Note], by semitones: Int) -> (notes: [Note], dropped: Int) {
        guard semitones != 0 else { return (notes, 0) }
        var out: [Note] = []
        out.reserveCapacity(notes.count)
        for var n in notes {
            let p = Int(n.pitch) + semitones
            guard (0...127).contains(p) else { continue }
            n.pitch = UInt8(p)
            out.append(n)
        }
        return (out, notes.count - out.count)
    }
}
