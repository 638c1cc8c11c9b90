import ArgumentParser
import ControlRoom
import Daemon
import Dispatch
import Foundation
import Logging
import Performance
import ServiceLifecycle

/// `yamg bench perform MODEL`: a real performance with a timing probe on the sink, reporting how far each event's
/// delivery is from the time it was scheduled for, the late events, and what the daemon costs in CPU and memory.
struct BenchPerformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perform",
        abstract: "Perform for a while with a timing probe; print jitter, late events, CPU and memory.",
        discussion: """
            fluidsynth: the `file` audio driver (real time, its own thread); a probe client on FluidSynth's sequencer \
            notes the sequencer clock (the audio's sample clock, in ms) when each event fires.
            alsa: needs /dev/snd/seq (on a machine without sound, run it inside ../shared/tools/alsa-vm); a second \
            port timestamps what `yamg:out` delivers with our queue's real time, as arecordmidi does.
            --http HOST:PORT also serves the control room beside it (its runtime file goes where yamg perform's \
            does), so that a load on the page, the API and /metrics can be measured against the timing \
            (bench/control_room_load.sh).
            """)

    @Argument(help: "The model file.") var model: String
    @Option(help: "Seconds to perform.") var seconds = 30.0
    @Option(help: "The sink to probe: fluidsynth or alsa.") var sink = "fluidsynth"
    @Option(help: "The soundfont (fluidsynth).") var soundfont: String?
    @Option(help: "Seconds of music scheduled ahead.") var lookahead = 1.0
    @Option(help: "Threads for the model's products.") var threads = 1
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Serve the control room on this host:port while performing.") var http: String?

    func validate() throws {
        guard PerformBenchmark.SinkKind(rawValue: sink) != nil else { throw ValidationError("--sink must be fluidsynth or alsa, got '\(sink)'") }
        guard seconds > 0 else { throw ValidationError("--seconds must be positive, got \(seconds)") }
    }

    func run() throws {
        let metrics = ControlRoomMetrics()
        let result = try PerformBenchmark.run(model: model, seconds: seconds, sink: PerformBenchmark.SinkKind(rawValue: sink)!,
                                              soundfont: soundfont, lookahead: lookahead, threads: threads, seed: seed,
                                              meters: http == nil ? NoMeters() : metrics) { performer in
            guard let http else { return {} }
            return try Self.serve(performer, at: http, metrics: metrics)
        }
        print(String(format: "%@: %.1f s, %d events (%d probed), jitter p50 %.3f ms, p99 %.3f ms, max %.3f ms, %d late, CPU %.2f%% of a core, peak RSS %.1f MB",
                     sink, result.seconds, result.events, result.jitterMs.count, result.jitter(0.5), result.jitter(0.99),
                     result.jitterMs.last ?? .nan, result.lateEvents, result.cpuPercent, result.peakRSSMegabytes))
        print(String(format: "RESULT {\"sink\": \"%@\", \"http\": %@, \"events\": %d, \"probed\": %d, \"jitter_ms_p50\": %.3f, \"jitter_ms_p99\": %.3f, \"jitter_ms_max\": %.3f, \"late_events\": %d, \"cpu_percent\": %.2f, \"peak_rss_mb\": %.1f}",
                     sink, http == nil ? "false" : "true", result.events, result.jitterMs.count, result.jitter(0.5), result.jitter(0.99),
                     result.jitterMs.last ?? .nan, result.lateEvents, result.cpuPercent, result.peakRSSMegabytes))
    }

    /// Starts the control room beside `performer` (as `yamg perform --http` does) and returns what stops it.
    static func serve(_ performer: Performer, at address: String, metrics: ControlRoomMetrics) throws -> () -> Void {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        var settings = ControlRoomSettings(address: try ListenAddress(parsing: address), token: nil, webFolder: try WebFolder.locate())
        settings.runtimeFile = RuntimeFile.path()
        let link = PerformanceLink(live: performer.live, events: performer.events, status: performer.status)
        let room = try ControlRoom(settings: settings, link: link, metrics: metrics, logger: logger)
        let listening = DispatchSemaphore(value: 0)
        let group = ServiceGroup(services: [room.service { url in
            FileHandle.standardError.write(Data("control room: \(url)\n".utf8))
            listening.signal()
        }], logger: logger)
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await group.run() } catch { FileHandle.standardError.write(Data("control room: \(error)\n".utf8)) }
            listening.signal()
            done.signal()
        }
        guard listening.wait(timeout: .now() + 30) == .success, room.url != nil else {
            throw ControlRoomError.request("the control room did not start on \(address)")
        }
        return {
            Task { await group.triggerGracefulShutdown() }
            done.wait()
        }
    }
}
