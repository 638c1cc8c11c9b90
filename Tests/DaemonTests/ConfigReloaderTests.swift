import Daemon
import Foundation
import Generation
import Logging
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
}
