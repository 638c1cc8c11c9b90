import MIDIFile
import Testing

/// The 7-bit and 4-bit values events carry across module borders.
struct DataValuesTests {
    @Test func sevenBitValuesAreInRangeByConstruction() {
        #expect(U7(rawValue: 127)?.rawValue == 127 && U7(rawValue: 128) == nil)
        #expect(U7(exactly: -1) == nil && U7(exactly: 200) == nil && U7(exactly: 64)?.int == 64)
        #expect(U7(clamping: 300).rawValue == 127 && U7(clamping: -5).rawValue == 0)
        #expect(U7(truncating: 0x80 | 60).rawValue == 60, "the wire keeps the low 7 bits")
        #expect(Int32(U7(100)) == 100 && (60 as U7) < 61)
    }

    @Test func channelsAreFourBits() {
        #expect(U4(rawValue: 15)?.int == 15 && U4(rawValue: 16) == nil && U4(exactly: -1) == nil)
        #expect(U4(truncating: 0x93).rawValue == 3, "the channel of a note-on status byte")
        #expect(TrackEvent.noteOn(tick: 0, channel: 9, pitch: 36, velocity: 100).status == 0x99)
        #expect(TrackEvent.noteOn(tick: 0, channel: 9, pitch: 36, velocity: 100).channel == 9)
    }
}
