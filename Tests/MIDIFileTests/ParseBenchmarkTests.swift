import Foundation
import MIDIFile
import Testing

/// `ParseBenchmark`, the entry point of `yamg bench parse`: what it parsed, and how many times.
@Suite struct ParseBenchmarkTests {
    @Test func countsFilesNotesAndFailuresOfAPass() throws {
        let good = SharedData.path("edge/multichannel-chords-type1--jazzsoft.mid")
        let bad = SharedData.path("edge/not-a-midi-file-text--jazzsoft.mid")
        let b = try #require(ParseBenchmark.run(paths: [good, bad], passes: 3))
        #expect(b.files == 2 && b.failed == 1 && b.passes.count == 3)
        #expect(b.notes == (try StandardMIDIFile(contentsOf: good)).notes().notes.count && b.notes > 0)
        #expect(b.bytes == (try FileManager.default.attributesOfItem(atPath: good)[.size] as! Int)
                + (try FileManager.default.attributesOfItem(atPath: bad)[.size] as! Int))
        #expect(b.best <= b.median && b.best > 0)
    }

    @Test func nothingToParseIsNil() {
        #expect(ParseBenchmark.run(paths: [SharedData.root + "/oracle"], passes: 1) == nil)
    }
}
