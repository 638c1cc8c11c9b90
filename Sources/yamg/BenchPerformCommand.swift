import ArgumentParser
import Basics
import Foundation
import Generation
import Logging
import MIDIFile
import Models
import NeuralNet
import Performance
import Render

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
            """)

    @Argument(help: "The model file.") var model: String
    @Option(help: "Seconds to perform.") var seconds = 30.0
    @Option(help: "The sink to probe: fluidsynth or alsa.") var sink = "fluidsynth"
    @Option(help: "The soundfont (fluidsynth).") var soundfont: String?
    @Option(help: "Seconds of music scheduled ahead.") var lookahead = 1.0
    @Option(help: "Threads for the model's products.") var threads = 1
    @Option(help: "Random seed.") var seed: UInt64 = 1

    func validate() throws {
        guard ["fluidsynth", "alsa"].contains(sink) else { throw ValidationError("--sink must be fluidsynth or alsa, got '\(sink)'") }
        guard seconds > 0 else { throw ValidationError("--seconds must be positive, got \(seconds)") }
    }

    func run() throws {
        BLAS.threads = threads
        let (file, network) = try ModelFile.load(model)
        let stream = try TokenStream(model: network, file: file, seed: seed)
        let folder = NSTemporaryDirectory() + "yamg-bench-perform-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clock = MonotonicClock()
        var fluid: FluidSynthSink?, alsa: ALSASink?
        if sink == "fluidsynth" {
            let path = try Soundfont.locate(flag: soundfont, repoFolders: Soundfont.defaultRepoFolders)
            fluid = try FluidSynthSink(soundfont: path, driver: "file", audioFile: folder + "-audio.wav")
            fluid!.enableProbe()
        } else {
            alsa = try ALSASink()
            try alsa!.enableProbe()
        }
        defer { try? FileManager.default.removeItem(atPath: folder + "-audio.wav") }
        let recorder = try SessionRecorder(folder: folder, now: clock.now())
        var options = Performer.Options()
        options.seconds = seconds
        options.lookahead = lookahead
        options.keepSent = true
        let performer = Performer(stream: stream, sinks: [fluid ?? alsa!], recorder: recorder, clock: clock, options: options,
                                  logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
        let cpuBefore = ProcessStats.cpuSeconds()
        let report = try performer.run()
        let cpu = ProcessStats.cpuSeconds() - cpuBefore

        let jitter: [Double]
        if let fluid {
            jitter = fluid.probeResults().map { abs(Double($0.delivered) - Double($0.scheduled)) }
        } else {
            jitter = Self.match(sent: report.sent, delivered: alsa!.probeDeliveries()).map { abs($0) * 1000 }
        }
        withExtendedLifetime((fluid, alsa)) {}
        let sorted = jitter.sorted()
        func quantile(_ q: Double) -> Double { sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
        let cpuPercent = cpu / report.seconds * 100
        print(String(format: "%@: %.1f s, %d events (%d probed), jitter p50 %.3f ms, p99 %.3f ms, max %.3f ms, %d late, CPU %.2f%% of a core, peak RSS %.1f MB",
                     sink, report.seconds, report.events, jitter.count, quantile(0.5), quantile(0.99), sorted.last ?? .nan,
                     report.lateEvents, cpuPercent, ProcessStats.peakRSSMegabytes()))
        print(String(format: "RESULT {\"sink\": \"%@\", \"events\": %d, \"probed\": %d, \"jitter_ms_p50\": %.3f, \"jitter_ms_p99\": %.3f, \"jitter_ms_max\": %.3f, \"late_events\": %d, \"cpu_percent\": %.2f, \"peak_rss_mb\": %.1f}",
                     sink, report.events, jitter.count, quantile(0.5), quantile(0.99), sorted.last ?? .nan, report.lateEvents,
                     cpuPercent, ProcessStats.peakRSSMegabytes()))
    }

    /// Delivered minus scheduled time of each sent note event, pairing each delivery with the next sent event of the
    /// same kind, pitch and channel (the kernel keeps the order of events with equal times).
    static func match(sent: [TimedEvent], delivered: [(event: TimedEvent, delivered: Double)]) -> [Double] {
        var next = 0
        var differences: [Double] = []
        for d in delivered {
            var i = next
            while i < sent.count && !(sent[i].kind == d.event.kind && sent[i].channel == d.event.channel) { i += 1 }
            guard i < sent.count else { continue }  // silence's note-offs and all-notes-off were not scheduled
            differences.append(d.delivered - sent[i].time)
            next = i + 1
        }
        return differences
    }
}
