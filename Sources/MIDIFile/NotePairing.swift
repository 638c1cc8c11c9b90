/// Pairs note-offs with note-ons per (track, channel, pitch), first in, first out.
///
/// A re-struck pitch that still sounds opens a second note; each note-off ends the earliest open one
/// (as mido and symusic read them; pretty_midi's "end every copy at the first note-off" is a bug).
/// A note-on with velocity 0 is a note-off; a note-off with nothing open is ignored; a note still
/// open at the end of its track is dropped with a warning; zero-length notes are kept.
///
/// The open notes of each (channel, pitch) form a queue threaded through `next`, so pairing costs
/// O(1) per event and allocates nothing per note.
final class NotePairer {
    /// First and last open note (an index into the notes array) per channel × 128 + pitch; -1 if none.
    private let head = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 16 * 128)
    private let tail = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 16 * 128)

    init() {
        head.initialize(repeating: -1)
        tail.initialize(repeating: -1)
    }

    deinit {
        head.deallocate()
        tail.deallocate()
    }

    /// Appends the notes of `track` (index `trackIndex`) to `notes`; open ones at the end are removed.
    /// Returns how many were dropped, and the first dropped note.
    func pair(_ track: Track, trackIndex: Int, into notes: inout [Note]) -> (dropped: Int, first: Note?) {
        let firstNote = notes.count
        var openCount = 0
        // The next open note of the same key, per note of this track (a local: no exclusivity checks).
        var next: [Int32] = []
        next.reserveCapacity(track.events.count / 2)
        track.events.withUnsafeBufferPointer { events in
            for event in events where event.status & 0xE0 == 0x80 {  // 0x8n and 0x9n
                let key = event.channel.int << 7 | Int(event.data1)
                if event.status >= 0x90 && event.data2 > 0 {
                    let index = Int32(notes.count - firstNote)
                    notes.append(Note(track: trackIndex, channel: event.channel.rawValue, pitch: event.data1,
                                      velocity: event.data2, startTick: event.tick, endTick: -1, start: 0, end: 0))
                    next.append(-1)
                    if tail[key] >= 0 { next[Int(tail[key])] = index } else { head[key] = index }
                    tail[key] = index
                    openCount += 1
                } else {
                    let index = head[key]
                    guard index >= 0 else { continue }
                    notes[firstNote + Int(index)].endTick = event.tick
                    head[key] = next[Int(index)]
                    if head[key] < 0 { tail[key] = -1 }
                    openCount -= 1
                }
            }
        }
        guard openCount > 0 else { return (0, nil) }
        head.update(repeating: -1)
        tail.update(repeating: -1)
        let first = notes[firstNote...].first { $0.endTick < 0 }
        let kept = notes[firstNote...].filter { $0.endTick >= 0 }
        notes.replaceSubrange(firstNote..., with: kept)
        return (openCount, first)
    }
}

extension StandardMIDIFile {
    /// The file's notes, track by track and in start order within a track, with ticks, seconds and
    /// programs filled in; plus a warning per track that left notes sounding at its end.
    /// Sort them with `Note.canonicalOrder` where a global order matters.
    public func notes() -> (notes: [Note], warnings: [MIDIWarning]) {
        var notes: [Note] = []
        notes.reserveCapacity(tracks.reduce(0) { $0 + $1.events.count / 2 })
        var warnings: [MIDIWarning] = []
        let pairer = NotePairer()
        var trackRanges: [Range<Int>] = []
        for (index, track) in tracks.enumerated() {
            let first = notes.count
            let (dropped, firstDropped) = pairer.pair(track, trackIndex: index, into: &notes)
            trackRanges.append(first..<notes.count)
            if let n = firstDropped {
                warnings.append(MIDIWarning(offset: nil, message:
                    "track \(index): \(dropped) note(s) never released, dropped (first: pitch \(n.pitch) on channel \(n.channel) at tick \(n.startTick))"))
            }
        }
        notes.withUnsafeMutableBufferPointer { buffer in
            if format == 2 {
                for (index, range) in trackRanges.enumerated() {
                    fillTimes(buffer, range, map: tempoMap(forTrack: index), programs: ProgramMap(self, track: index))
                }
            } else {
                fillTimes(buffer, 0..<buffer.count, map: tempoMap(), programs: ProgramMap(self, track: nil))
            }
        }
        return (notes, warnings)
    }

    private func fillTimes(_ notes: UnsafeMutableBufferPointer<Note>, _ range: Range<Int>, map: TempoMap,
                           programs: ProgramMap) {
        for i in range {
            notes[i].start = map.seconds(atTick: notes[i].startTick)
            notes[i].end = map.seconds(atTick: notes[i].endTick)
            notes[i].program = programs.program(channel: notes[i].channel, atTick: notes[i].startTick)
        }
    }
}

/// Program changes per channel in time order, to find the program a note starts under.
struct ProgramMap {
    private var changes: [[(tick: Int64, program: UInt8)]] = Array(repeating: [], count: 16)

    /// The program changes of all tracks, or of `track` alone (format 2).
    init(_ file: StandardMIDIFile, track: Int?) {
        for index in track.map({ [$0] }) ?? Array(file.tracks.indices) {
            for event in file.tracks[index].events where event.messageType == 0xC0 && event.isChannelMessage {
                changes[event.channel.int].append((event.tick, event.data1))
            }
        }
        for c in 0..<16 where changes[c].count > 1 {
            changes[c] = changes[c].stableSorted { $0.tick }
        }
    }

    /// The last program set on `channel` at or before `tick`; 0 (acoustic grand) before any.
    func program(channel: UInt8, atTick tick: Int64) -> UInt8 {
        let list = changes[Int(channel)]
        guard let first = list.first, first.tick <= tick else { return 0 }
        var low = 0, high = list.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if list[mid].tick <= tick { low = mid } else { high = mid - 1 }
        }
        return list[low].program
    }
}
