import MIDIFile
import TestSupport
import Testing

/// `read(write(x)) == x`: the writer gives back the same events and notes for every file of the
/// shared data that reads without warnings.
@Suite struct RoundTripTests {
    static let cleanFiles: [String] = SharedData.allMIDIFiles.filter { relative in
        guard let file = try? StandardMIDIFile(contentsOf: SharedData.path(relative)) else { return false }
        return file.warnings.isEmpty && file.tracks.count < 2000  // the 65535-track file is checked on its own below
    }

    @Test func coversTheSharedData() {
        // 610 piano files and most edge files read cleanly; a filter gone wrong must not pass vacuously.
        #expect(Self.cleanFiles.count > 630)
    }

    @Test(.tags(.slow), .timeLimit(.minutes(1)), arguments: cleanFiles)
    func roundTrip(_ relative: String) throws {
        let original = try StandardMIDIFile(contentsOf: SharedData.path(relative))
        let bytes = original.serialized()
        let again = try StandardMIDIFile(bytes: bytes)
        #expect(again.warnings.isEmpty, "\(again.warnings)")
        #expect(again.format == original.format)
        #expect(again.division == original.division)
        #expect(again.tracks.count == original.tracks.count)
        for (a, b) in zip(again.tracks, original.tracks) {
            #expect(a.events == b.events)
            #expect(a.payload == b.payload)
        }
        #expect(again.notes().notes == original.notes().notes)
        // Writing is deterministic: the same file gives the same bytes.
        #expect(again.serialized() == bytes)
    }

    @Test(.tags(.slow), .timeLimit(.minutes(2))) func manyTracks() throws {
        let original = try StandardMIDIFile(contentsOf: SharedData.path("edge/max-tracks-65535-empty--shky.mid"))
        let again = try StandardMIDIFile(bytes: original.serialized())
        #expect(again == original)
    }
}
