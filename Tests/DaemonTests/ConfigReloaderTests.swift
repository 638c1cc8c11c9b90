import Daemon
import Foundation
import Generation
import Logging
import MIDIFile
import Performance
import TestSupport
import Testing

/// The SIGUSR1 path below the signal: the reloader re-reads the file, and the performer's sampler plays with the
/// new controls from the next token boundary on.
@Suite(.serialized, .tags(.slow), .timeLimit(.minutes(5))) struct ConfigReloaderTests {
    @Test func aConfigEditReachesTheSamplerMidSession() throws {
        let folder = try TestPaths.temporaryFolder()
        let config = folder + "/yamg.toml"
        try "temperature = 1.0\ntop-k = 0\n".write(toFile: config, atomically: true, encoding: .utf8)
        let started = try PerformConfiguration.resolve(configFlag: config, flags: [], environment: [:]).settings
        let reloader = ConfigReloader(configFlag: config, flags: [FlagValue(.control(.topP), "0.9")], started: started,
                                      environment: [:])
        var options = Performer.Options()
        options.seconds = 30
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let performer = Performer(stream: try TinyModel.stream(), sinks: [], recorder: nil, clock: SimulatedClock(),
                                  options: options, logger: logger)
        let live = performer.live
        var temperatures: [Float] = []
        var reloaded = false
        performer.onTick = { now in
            temperatures.append(performer.stream.sampler.temperature)
            guard now >= 10, !reloaded else { return }
            reloaded = true
            try! "temperature = 0.5\ntop-k = 7\n".write(toFile: config, atomically: true, encoding: .utf8)
            reloader.reload(into: live, logger: logger)
        }
        _ = try performer.run()
        #expect(reloaded)
        #expect(temperatures.first == 1 && temperatures.last == 0.5)
        #expect(performer.stream.sampler.topK == 7 && performer.controls.topK == 7)
        #expect(performer.controls.topP == 0.9, "the flags stay on top of the reloaded file")
    }

    /// A reload hands a changed `[controls.midi]` to the CC map at once: the knob moved to CC 21 works, the old
    /// CC 74 no longer does; a second edit back to the file the session started with applies too.
    @Test func aReloadedCCMapAppliesAtOnce() throws {
        let folder = try TestPaths.temporaryFolder()
        let config = folder + "/yamg.toml"
        let onCC74 = "[controls.midi]\ntemperature = { cc = 74, range = [0.5, 1.5] }\n"
        try onCC74.write(toFile: config, atomically: true, encoding: .utf8)
        let started = try PerformConfiguration.resolve(configFlag: config, flags: [], environment: [:]).settings
        let reloader = ConfigReloader(configFlag: config, flags: [], started: started, environment: [:])
        let capture = LogCapture(), logger = capture.logger
        let live = LiveControls(Controls())
        let router = MIDIControlRouter(map: started.midiControlMap, live: live, logger: logger)
        let cc74 = U7(rawValue: 74)!, cc21 = U7(rawValue: 21)!
        router.controlChange(channel: 1, cc: cc74, value: U7(rawValue: 127)!, now: 0)
        #expect(live.controls.temperature == 1.5)

        try "[controls.midi]\ntemperature = { cc = 21, range = [0.5, 1.5] }\n".write(toFile: config, atomically: true, encoding: .utf8)
        reloader.reload(into: live, midiControls: router.reload, logger: logger)
        #expect(capture.messages.contains { $0.contains("live controls and the CC map apply now") }, "\(capture.messages)")
        #expect(!capture.messages.contains { $0.contains("[controls.midi]") }, "not put off to the next start: \(capture.messages)")
        router.controlChange(channel: 1, cc: cc74, value: U7(rawValue: 0)!, now: 1)
        #expect(live.controls.temperature == 1, "CC 74 is no longer mapped (the reload reset the file's temperature)")
        router.controlChange(channel: 1, cc: cc21, value: U7(rawValue: 0)!, now: 2)
        #expect(live.controls.temperature == 0.5, "CC 21 is")

        try onCC74.write(toFile: config, atomically: true, encoding: .utf8)
        reloader.reload(into: live, midiControls: router.reload, logger: logger)
        router.controlChange(channel: 1, cc: cc74, value: U7(rawValue: 127)!, now: 3)
        #expect(live.controls.temperature == 1.5, "back on CC 74")
    }
}
