import MIDIFile
import Testing

/// The reader's rules on hand-made bytes: running status, variable-length quantities, SMPTE, RIFF,
/// FIFO pairing, format 2 timing and broken input.
@Suite struct ReaderTests {
    typealias B = SMFBytes

    func read(_ bytes: [UInt8]) throws -> StandardMIDIFile { try StandardMIDIFile(bytes: bytes) }

    @Test func runningStatusContinuesAcrossMetaAndSysex() throws {
        let track: [UInt8] = [0x00, 0x90, 60, 100,  0x10, 60, 0,            // note-on, then running-status note-off
                              0x00, 0xFF, 0x01, 0x01, 0x41,                // a text meta event
                              0x00, 62, 100,                               // running status still 0x90
                              0x00, 0xF0, 0x02, 0x7E, 0xF7,                // sysex
                              0x10, 62, 0] + B.endOfTrack
        let file = try read(B.file(tracks: [track]))
        #expect(file.warnings.isEmpty)
        let notes = file.notes().notes
        #expect(notes.map(\.pitch) == [60, 62])
        #expect(notes.map(\.endTick) == [16, 32])
    }

    @Test func dataByteWithoutRunningStatusIsSkippedWithWarning() throws {
        let track: [UInt8] = [0x00, 0x3C, 0x00, 0x90, 60, 100, 0x10, 0x80, 60, 0] + B.endOfTrack
        let file = try read(B.file(tracks: [track]))
        #expect(file.notes().notes.count == 1)
        #expect(file.warnings.contains { $0.message.contains("without a running status") && $0.offset == 23 })
    }

    @Test func statusByteInsteadOfDataDropsTheCutMessage() throws {
        // 0x90 60 then a new status byte: the cut note-on is dropped; the next message reads normally.
        let track: [UInt8] = [0x00, 0x90, 60, 0x90, 64, 100, 0x10, 0x80, 64, 0] + B.endOfTrack
        let file = try read(B.file(tracks: [track]))
        #expect(file.notes().notes.map(\.pitch) == [64])
        #expect(file.warnings.count == 1)
        #expect(file.warnings[0].message.contains("status byte 0x90 where a data byte belongs"))
    }

    static let vlqCases: [([UInt8], Int64)] = [
        ([0x00], 0), ([0x7F], 127), ([0x81, 0x00], 128), ([0xFF, 0x7F], 16383),
        ([0x81, 0x80, 0x00], 16384), ([0xFF, 0xFF, 0x7F], 2_097_151), ([0x81, 0x80, 0x80, 0x00], 2_097_152),
        ([0xFF, 0xFF, 0xFF, 0x7F], 0x0FFF_FFFF),
    ]

    @Test(arguments: vlqCases)
    func variableLengthDeltas(vlq: [UInt8], ticks: Int64) throws {
        let track = vlq + [0x90, 60, 100] + [0x00, 0x80, 60, 0] + B.endOfTrack
        let file = try read(B.file(tracks: [track]))
        #expect(file.warnings.isEmpty)
        #expect(file.tracks[0].events[0].tick == ticks)
        // And the writer encodes it back to the same bytes.
        #expect(Array(file.serialized()[22..<22 + vlq.count]) == vlq)
    }

    @Test func deltaLongerThanFourBytesEndsTheTrack() throws {
        let track: [UInt8] = [0x00, 0x90, 60, 100, 0x10, 60, 0, 0x81, 0x80, 0x80, 0x80, 0x00, 0x90, 61, 100] + B.endOfTrack
        let file = try read(B.file(tracks: [track]))
        #expect(file.notes().notes.count == 1)
        #expect(file.warnings.contains { $0.message.contains("longer than 4 bytes") })
    }

    @Test func truncatedDeltaAndMeta() throws {
        for cut: [UInt8] in [[0x00, 0x90, 60, 100, 0x10, 60, 0, 0x81], [0x00, 0x90, 60, 100, 0x10, 60, 0, 0x00, 0xFF, 0x03, 0x10, 0x41]] {
            let file = try read(B.file(tracks: [cut]))
            #expect(file.notes().notes.count == 1)
            #expect(file.warnings.count == 2, "\(file.warnings)")  // the cut, and no end-of-track
            #expect(file.warnings.contains { $0.message.contains("no end-of-track") })
        }
    }

    @Test func smpteDivisionGivesSecondsDirectly() throws {
        // 25 fps × 40 ticks per frame = 1000 ticks per second; a tempo event must not change that.
        let track: [UInt8] = [0x00, 0xFF, 0x51, 0x03, 0x0F, 0x42, 0x40, 0x00, 0x90, 60, 100, 0x87, 0x68, 0x80, 60, 0] + B.endOfTrack
        let file = try read(B.file(division: 0xE728, tracks: [track]))
        #expect(file.division == .smpte(framesPerSecond: 25, ticksPerFrame: 40))
        let note = try #require(file.notes().notes.first)
        #expect(note.endTick == 1000)
        #expect(note.end == 1.0)
        #expect(file.division.headerValue == 0xE728)
    }

    @Test func smpteDropFrameRunsAt2997() throws {
        let file = try read(B.file(division: 0xE302, tracks: [[0x00, 0x90, 60, 100, 0x81, 0x6B, 0x80, 60, 0] + B.endOfTrack]))
        #expect(file.division == .smpte(framesPerSecond: 29, ticksPerFrame: 2))
        let note = try #require(file.notes().notes.first)
        #expect(abs(note.end - Double(235) / (2 * 30_000.0 / 1001.0)) < 1e-12)
    }

    @Test func zeroDivisionIsAnError() {
        #expect(throws: MIDIFileError.self) { try read(B.file(division: 0, tracks: [B.endOfTrack])) }
        #expect(throws: MIDIFileError.self) { try read(B.file(division: 0xE700, tracks: [B.endOfTrack])) }
    }

    @Test func riffWrappedFile() throws {
        let smf = B.file(tracks: [[0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0] + B.endOfTrack])
        var data = Array("data".utf8) + [UInt8(smf.count & 0xFF), UInt8(smf.count >> 8), 0, 0] + smf
        if smf.count % 2 == 1 { data.append(0) }
        let info = Array("LIST".utf8) + [4, 0, 0, 0] + Array("INFO".utf8)
        let body = Array("RMID".utf8) + info + data
        let riff = Array("RIFF".utf8) + [UInt8(body.count & 0xFF), UInt8(body.count >> 8), 0, 0] + body
        let file = try read(riff)
        #expect(file.warnings.isEmpty)
        #expect(file.notes().notes.map(\.pitch) == [60])
        #expect(throws: MIDIFileError.self) { try read(Array("RIFF".utf8) + [4, 0, 0, 0] + Array("RMID".utf8)) }
    }

    @Test func bytesBeforeTheHeaderAreSkipped() throws {
        let file = try read([UInt8](repeating: 0, count: 128) + B.file(tracks: [B.endOfTrack]))
        #expect(file.warnings.map(\.message) == ["128 bytes before the 'MThd' header skipped"])
    }

    @Test func firstInFirstOutPairing() throws {
        // C4 struck at 0 and again at 10 while sounding; offs at 20 and 30 end them in order.
        // A lone note-off is ignored, a zero-length note is kept, a never-released note is dropped.
        let track: [UInt8] = [0x00, 0x90, 60, 100,  0x0A, 0x90, 60, 90,  0x0A, 0x80, 60, 0,  0x0A, 0x90, 60, 0,
                              0x00, 0x80, 61, 0,    0x00, 0x90, 62, 80,  0x00, 0x80, 62, 0,  0x00, 0x90, 63, 70] + B.endOfTrack
        let (notes, warnings) = try read(B.file(tracks: [track])).notes()
        #expect(notes.map { [Int($0.pitch), Int($0.velocity), Int($0.startTick), Int($0.endTick)] }
                == [[60, 100, 0, 20], [60, 90, 10, 30], [62, 80, 30, 30]])
        #expect(warnings.count == 1)
        #expect(warnings[0].message.contains("1 note(s) never released"))
    }

    @Test func pairingIsPerTrackAndChannel() throws {
        // The same pitch on two channels and in two tracks: each note-off ends its own.
        let t0: [UInt8] = [0x00, 0x90, 60, 100, 0x00, 0x91, 60, 50, 0x05, 0x81, 60, 0, 0x05, 0x80, 60, 0] + B.endOfTrack
        let t1: [UInt8] = [0x02, 0x90, 60, 30, 0x10, 0x80, 60, 0] + B.endOfTrack
        let notes = try read(B.file(tracks: [t0, t1])).notes().notes.sorted(by: Note.canonicalOrder)
        #expect(notes.map { [$0.track, Int($0.channel), Int($0.startTick), Int($0.endTick)] }
                == [[0, 1, 0, 5], [0, 0, 0, 10], [1, 0, 2, 18]])
    }

    @Test func format2TracksHaveTheirOwnTempo() throws {
        // Track 0 at 60 bpm (1 s per quarter), track 1 at the default 120 bpm: the same tick, different seconds.
        let t0: [UInt8] = [0x00, 0xFF, 0x51, 0x03, 0x0F, 0x42, 0x40, 0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0] + B.endOfTrack
        let t1: [UInt8] = [0x00, 0x90, 62, 100, 0x60, 0x80, 62, 0] + B.endOfTrack
        let two = try read(B.file(format: 2, tracks: [t0, t1])).notes().notes
        #expect(two.map(\.end) == [1.0, 0.5])
        // As format 1 the tempo of track 0 times track 1 as well.
        let one = try read(B.file(format: 1, tracks: [t0, t1])).notes().notes
        #expect(one.map(\.end) == [1.0, 1.0])
    }

    @Test func tempoMapIsExactOverLongFiles() throws {
        // 10 000 quarters alternating 100 and 140 bpm: seconds at the end equal the exact sum.
        var track: [UInt8] = []
        for i in 0..<10_000 {
            let us: UInt32 = i % 2 == 0 ? 600_000 : 428_571
            track += [i == 0 ? 0x00 : 0x60, 0xFF, 0x51, 0x03, UInt8(us >> 16), UInt8(us >> 8 & 0xFF), UInt8(us & 0xFF)]
        }
        track += [0x60] + [0xFF, 0x2F, 0x00]
        let file = try read(B.file(tracks: [track]))
        let exact = 5_000 * (0.6 + 0.428571)
        #expect(abs(file.durationSeconds - exact) < 1e-9)
        #expect(file.tempoMap().tick(atSeconds: file.durationSeconds) == 960_000)
    }

    @Test func programIsTheLastChangeOnTheChannelAtTheNoteStart() throws {
        // Program changes may sit on another track (format 1 merges them in time).
        let t0: [UInt8] = [0x00, 0xC0, 5, 0x00, 0x90, 60, 100, 0x10, 0x80, 60, 0, 0x10, 0x90, 62, 100, 0x10, 0x80, 62, 0] + B.endOfTrack
        let t1: [UInt8] = [0x18, 0xC0, 40] + B.endOfTrack
        let notes = try read(B.file(tracks: [t0, t1])).notes().notes
        #expect(notes.map(\.program) == [5, 40])
    }

    @Test func hugeLengthFieldsAreNotTrusted() throws {
        // 65535 tracks declared and a 4 GB chunk claimed, in a 30-byte file: read quickly, warn, no huge allocation.
        var bytes = B.file(declaredTracks: 65535, tracks: [[0x00, 0x90, 60, 100, 0x10, 0x80, 60, 0] + B.endOfTrack])
        bytes.replaceSubrange(18..<22, with: [0xFF, 0xFF, 0xFF, 0xFF])
        let file = try read(bytes)
        #expect(file.tracks.count == 1)
        #expect(file.notes().notes.count == 1)
        #expect(file.warnings.contains { $0.message.contains("chunk length 4294967295 runs past the end") })
        #expect(file.warnings.contains { $0.message.contains("header declares 65535 tracks, the file holds 1") })
    }

    @Test func headerErrorsAreOneLineWithOffset() {
        let cases: [([UInt8], String)] = [
            ([], "byte 0: empty file (0 bytes)"),
            (Array("MThd".utf8), "byte 0: header chunk cut short: 4 bytes, 14 needed"),
            (Array("MThd".utf8) + [0, 0, 0, 2, 0, 0, 0, 1, 0, 96], "byte 4: header chunk length 2 is shorter than 6"),
            (Array("hello world, no midi here".utf8), "byte 0: not a MIDI file: it starts with 'hell', not the 'MThd' header"),
        ]
        for (bytes, message) in cases {
            let error = #expect(throws: MIDIFileError.self) { try read(bytes) }
            #expect(error?.description == "<bytes>: \(message)")
        }
    }

    @Test func systemMessagesInATrackAreSkipped() throws {
        let track: [UInt8] = [0x00, 0xF2, 0x01, 0x02, 0x00, 0xF8, 0x00, 0x90, 60, 100, 0x10, 0x80, 60, 0] + B.endOfTrack
        let file = try read(B.file(tracks: [track]))
        #expect(file.notes().notes.count == 1)
        #expect(file.warnings.map(\.offset) == [22, 26])
    }
}

/// A header counts at most 65535 tracks; more chunks than that are read up to the limit (found by fuzzing).
@Test func moreThan65535TracksAreCappedAndWriteBack() throws {
    var bytes = SMFBytes.file(declaredTracks: 65535, tracks: [])
    let empty = SMFBytes.chunk("MTrk", SMFBytes.endOfTrack)
    for _ in 0..<65536 { bytes += empty }
    let file = try StandardMIDIFile(bytes: bytes)
    #expect(file.tracks.count == 65535)
    #expect(file.warnings.map(\.message) == ["more than 65535 track chunks (the most a header can count); the rest are ignored"])
    let again = try StandardMIDIFile(bytes: file.serialized())
    #expect(again.tracks.count == 65535)
}
