import Foundation
import MIDIFile
import Performance
import Testing

/// The ALSA sink where there is no sequencer (this machine kind's kernel has no sound), and the bookkeeping behind
/// `silence`. The sequencer itself is tested for real in a VM: `Tests/yamgTests/ALSAVMTests.swift`.
@Suite struct ALSASinkTests {
    static let hasSequencer = FileManager.default.fileExists(atPath: "/dev/snd/seq")

    @Test(.enabled(if: !hasSequencer, "/dev/snd/seq exists here"))
    func withoutASequencerOpeningSaysHowToFix() throws {
        #expect(throws: ALSAError.noSequencer) { try ALSASink(clientName: "yamg-test") }
        let message = ALSAError.noSequencer.description
        #expect(message.contains("/dev/snd/seq") && message.contains("snd-seq"), "\(message)")
        #expect(message.contains("modprobe") && message.contains("audio"), "\(message)")
    }

    @Test func errorsAreOneLineEach() {
        let errors: [ALSAError] = [
            .noSequencer, .permissionDenied,
            .unknownDestination("Nope", available: ["14:0 Midi Through [Midi Through Port-0]"]),
            .unknownDestination("Nope", available: []),
            .cannotConnect("0:1", code: -EPERM), .failed(call: "snd_seq_create_port", code: -ENOMEM),
        ]
        for error in errors {
            #expect(!error.description.contains("\n") && !error.description.isEmpty, "\(error)")
        }
        #expect(ALSAError.unknownDestination("Nope", available: ["14:0 Midi Through [Midi Through Port-0]"]).description
            .contains("\"Nope\"; writable ports: 14:0 Midi Through"))
        #expect(ALSAError.failed(call: "snd_seq_create_port", code: -ENOMEM).description.contains("snd_seq_create_port failed: Cannot allocate memory"))
    }

    /// `silence` cuts the queue while it runs: a note that started between the performer's `now` and the cut must
    /// still get its note-off, and one that ended before the cut must not be counted as sounding.
    @Test func silenceFindsNotesStartedDuringTheCut() {
        var queued = QueuedNotes()
        queued.add([
            TimedEvent(time: 0.5, .noteOn(pitch: 50, velocity: 80)),
            TimedEvent(time: 1.0, .noteOn(pitch: 60, velocity: 80)),
            TimedEvent(time: 1.5, .noteOff(pitch: 50)),
        ])
        queued.add([
            TimedEvent(time: 2.0, .noteOn(pitch: 62, velocity: 80)),
            TimedEvent(time: 2.01, .noteOn(pitch: 64, velocity: 80), channel: 1),
            TimedEvent(time: 2.02, .noteOff(pitch: 60)),
            TimedEvent(time: 2.03, .noteOff(pitch: 62)),
            TimedEvent(time: 2.5, .noteOn(pitch: 70, velocity: 80)),
        ])
        queued.forget(before: 1.2)
        #expect(queued.events.first?.time == 1.5)
        // The performer stopped at 1.99 with 60 sounding; the queue ran on to 2.025 during the cut.
        let offs = queued.sounding([TimedEvent(time: 1.0, .noteOn(pitch: 60, velocity: 80))], now: 1.99,
                                   surelySent: 2.025, maybeSent: 2.025)
        // 60 ended (2.02 ≤ 2.025); 62 started but its note-off (2.03) was removed; 64 started; 70 never did.
        #expect(offs.map(\.kind) == [.noteOff(pitch: 62), .noteOff(pitch: 64)])
        #expect(offs.map(\.channel) == [0, 1] && offs.allSatisfy { $0.time == 1.99 })
        // A note-off that may or may not have gone out counts as not sent: one note-off too many, never too few.
        let unsure = queued.sounding([TimedEvent(time: 1.0, .noteOn(pitch: 60, velocity: 80))], now: 1.99,
                                     surelySent: 2.015, maybeSent: 2.04)
        #expect(unsure.map(\.kind) == [.noteOff(pitch: 60), .noteOff(pitch: 62), .noteOff(pitch: 64)])
    }
}
