import Foundation
import Logging
import MIDIFile
import Performance
import TestSupport
import Testing

/// A real performance through libfluidsynth's `file` audio driver (real time, its own thread), recorded.
@Suite(.serialized, .tags(.slow), .timeLimit(.minutes(10))) struct FluidSynthSinkTests {
    static let fluidR3 = "/usr/share/sounds/sf2/FluidR3_GM.sf2"

    @Test func fiveSecondsRenderSoundAndTheRecordingIsWhatWasSent() throws {
        try #require(FileManager.default.fileExists(atPath: Self.fluidR3), "run `make deps` (installs fluid-soundfont-gm)")
        let folder = try TestPaths.temporaryFolder("fluidsynth")
        let wav = folder + "/live.wav"
        let sink = try FluidSynthSink(soundfont: Self.fluidR3, driver: "file", audioFile: wav)
        let clock = MonotonicClock()
        let recorder = try SessionRecorder(folder: folder + "/sessions", now: clock.now())
        var options = Performer.Options()
        options.seconds = 5
        options.keepSent = true
        let performer = Performer(stream: try TinyModel.stream(seed: 5), sinks: [sink], recorder: recorder, clock: clock,
                                  options: options, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let report = try performer.run()
        withExtendedLifetime(sink) {}

        // Late events are not asserted here: this runs beside other tests on two cores; `yamg bench perform`
        // measures lateness and jitter. Late or not, what was sent must be what was recorded (below).
        let audio = try ReadWAV(path: wav)
        #expect(audio.sampleRate == 44100 && audio.channels == 2)
        #expect(Double(audio.frames) / 44100 > 4.5, "\(audio.frames) frames")
        #expect(audio.rms > 0.002, "RMS \(audio.rms): the WAV should have sound in it")

        // The recording, read back by the MIDI core, holds the notes sent, in order, within 1 ms.
        let fromStart = report.sent.map { TimedEvent(time: $0.time - report.start, $0.kind, channel: $0.channel) }
        let sent = StandardMIDIFile(events: fromStart, endTime: report.seconds).notes().notes
        let recorded = try StandardMIDIFile(contentsOf: recorder.path).notes().notes
        #expect(sent.count > 10)
        #expect(recorded.count == sent.count)
        for (a, b) in zip(sent, recorded) {
            #expect(a.pitch == b.pitch && a.velocity == b.velocity)
            #expect(abs(a.start - b.start) <= 0.001 && abs(a.end - b.end) <= 0.001, "\(a) vs \(b)")
        }
    }

    @Test func aMissingDriverOrSoundfontSaysWhatToDo() throws {
        #expect(throws: FluidSynthError.driver(name: "nonesuch")) {
            let sink = try FluidSynthSink(soundfont: Self.fluidR3, driver: "nonesuch")
            try sink.start(now: 0)
        }
        let notSF2 = try TestPaths.temporaryFolder("fluidsynth") + "/x.sf2"
        FileManager.default.createFile(atPath: notSF2, contents: Data("not a soundfont".utf8))
        #expect(throws: FluidSynthError.soundfont(path: notSF2)) {
            _ = try FluidSynthSink(soundfont: notSF2, driver: "file")
        }
        #expect(FluidSynthError.driver(name: "pulseaudio").description.contains("--audio-driver file"))
    }
}
