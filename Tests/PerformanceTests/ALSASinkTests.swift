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
}
