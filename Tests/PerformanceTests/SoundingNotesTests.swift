import MIDIFile
import Performance
import Testing

/// The one notion of sounding notes: what the timeline, the end of a session and every sink's silence use.
struct SoundingNotesTests {
    /// The ALSA sink's case: `silence` cuts the queue while it runs, so a note that started between the performer's
    /// `now` and the cut must still get its note-off, and one that surely ended before the cut must not.
    @Test func notesStartedDuringACutStillGetTheirNoteOff() {
        let sounding = SoundingNotes(after: [TimedEvent(time: 1.0, .noteOn(pitch: 60, velocity: 80))])
        // Queued between the performer's now (1.99) and the cut (2.025).
        let queued = [
            TimedEvent(time: 2.0, .noteOn(pitch: 62, velocity: 80)),
            TimedEvent(time: 2.01, .noteOn(pitch: 64, velocity: 80), channel: 1),
            TimedEvent(time: 2.02, .noteOff(pitch: 60)),
        ]
        let offs = sounding.mayStillSound(after: queued, surelySentBy: 2.025).noteOffs(at: 1.99)
        // 60 ended (2.02 ≤ 2.025); 62 and 64 started.
        #expect(offs.map(\.kind) == [.noteOff(pitch: 62), .noteOff(pitch: 64)])
        #expect(offs.map(\.channel) == [0, 1] && offs.allSatisfy { $0.time == 1.99 })
        // A note-off that may or may not have gone out counts as not sent: one note-off too many, never too few.
        let unsure = sounding.mayStillSound(after: queued, surelySentBy: 2.015).noteOffs(at: 1.99)
        #expect(unsure.map(\.kind) == [.noteOff(pitch: 60), .noteOff(pitch: 62), .noteOff(pitch: 64)])
    }

    /// A pitch struck twice sounds until both have ended; other channels and controllers do not count.
    @Test func aPitchStruckTwiceNeedsTwoNoteOffs() {
        var notes = SoundingNotes()
        notes.apply(TimedEvent(time: 0, .noteOn(pitch: 60, velocity: 80)))
        notes.apply(TimedEvent(time: 0.1, .noteOn(pitch: 60, velocity: 90)))
        notes.apply(TimedEvent(time: 0.2, .noteOff(pitch: 60), channel: 3))
        notes.apply(TimedEvent(time: 0.2, .control(controller: 64, value: 127)))
        notes.apply(TimedEvent(time: 0.3, .noteOff(pitch: 60)))
        #expect(notes.contains(channel: 0, pitch: 60))
        #expect(notes.onsets.map(\.time) == [0.1], "the latest onset is kept")
        notes.apply(TimedEvent(time: 0.4, .noteOff(pitch: 60)))
        #expect(notes.isEmpty)
    }

    /// The end of a session: what will sound once everything pending is due counts every note-off.
    @Test func everyNoteOffCountsWhenAllIsSent() {
        let pending = [
            TimedEvent(time: 1, .noteOn(pitch: 50, velocity: 80)), TimedEvent(time: 2, .noteOff(pitch: 50)),
            TimedEvent(time: 2, .noteOn(pitch: 52, velocity: 80)),
        ]
        let after = SoundingNotes().mayStillSound(after: pending, surelySentBy: .infinity)
        #expect(after.onsets.map(\.kind) == [.noteOn(pitch: 52, velocity: 80)])
        let cut = SoundingNotes().mayStillSound(after: pending, surelySentBy: -.infinity)
        #expect(cut.noteOffs(at: 0).map(\.kind) == [.noteOff(pitch: 50), .noteOff(pitch: 52)])
    }
}
