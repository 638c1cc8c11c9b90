import Basics
import Foundation
import Generation
import Logging
import MIDIFile
import Models
import NeuralNet
import Render

/// `yamg bench perform`: a real performance with a timing probe on the sink, measuring how far each event's delivery
/// is from the time it was scheduled for, the late events, and what the performer costs in CPU and memory.
public enum PerformBenchmark {
    public enum SinkKind: String, Sendable, CaseIterable {
        /// FluidSynth's `file` driver (real time, its own thread); a probe client on its sequencer notes the
        /// sequencer clock (the audio's sample clock, in ms) when each event fires.
        case fluidsynth
        /// Needs /dev/snd/seq; a second port timestamps what `yamg:out` delivers with our queue's real time.
        case alsa
    }

    public struct Result: Sendable {
        public var seconds: Double
        public var events: Int
        public var lateEvents: Int
        /// |delivered − scheduled| of each probed event, in ms, sorted.
        public var jitterMs: [Double]
        public var cpuPercent: Double
        public var peakRSSMegabytes: Double

        /// The `q` quantile of the jitter (nan without probed events).
        public func jitter(_ q: Double) -> Double {
            jitterMs.isEmpty ? .nan : jitterMs[min(jitterMs.count - 1, Int(Double(jitterMs.count) * q))]
        }
    }

    /// `meters` get the performer's counts; `beside` is called with the performer before it plays and returns what
    /// to do once it has finished (the control room's load benchmark runs a server beside it).
    public static func run(model: String, seconds: Double, sink: SinkKind, soundfont: String?, lookahead: Double,
                           threads: Int, seed: UInt64, meters: any PerformerMeters = NoMeters(),
                           beside: (Performer) throws -> () -> Void = { _ in {} }) throws -> Result {
        Parallel.generate(on: threads)
        let (file, network) = try ModelFile.load(model)
        let stream = try TokenStream(model: network, file: file, seed: seed)
        let folder = NSTemporaryDirectory() + "yamg-bench-perform-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clock = MonotonicClock()
        var fluid: FluidSynthSink?, alsa: ALSASink?
        switch sink {
        case .fluidsynth:
            let path = try Soundfont.locate(flag: soundfont, repoFolders: Soundfont.defaultRepoFolders)
            fluid = try FluidSynthSink(soundfont: path, driver: "file", audioFile: folder + "-audio.wav")
            fluid!.enableProbe()
        case .alsa:
            alsa = try ALSASink()
            try alsa!.enableProbe()
        }
        defer { try? FileManager.default.removeItem(atPath: folder + "-audio.wav") }
        let recorder = try SessionRecorder(folder: folder, now: clock.now())
        var options = Performer.Options()
        options.seconds = seconds
        options.lookahead = lookahead
        options.keepSent = true
        options.meters = meters
        let performer = Performer(stream: stream, sinks: [fluid ?? alsa!], recorder: recorder, clock: clock, options: options,
                                  logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
        let finished = try beside(performer)
        let cpuBefore = ProcessStats.cpuSeconds()
        let report = try performer.run()
        let cpu = ProcessStats.cpuSeconds() - cpuBefore
        finished()
        let jitter: [Double]
        if let fluid {
            jitter = fluid.probeResults().map { abs(Double($0.delivered) - Double($0.scheduled)) }
        } else {
            jitter = match(sent: report.sent, delivered: alsa!.probeDeliveries()).map { abs($0) * 1000 }
        }
        withExtendedLifetime((fluid, alsa)) {}
        return Result(seconds: report.seconds, events: report.events, lateEvents: report.lateEvents,
                      jitterMs: jitter.sorted(), cpuPercent: cpu / report.seconds * 100,
                      peakRSSMegabytes: ProcessStats.peakRSSMegabytes())
    }

    /// Delivered minus scheduled time of each sent note event, pairing each delivery with the next sent event of the
    /// same kind, pitch and channel (the kernel keeps the order of events with equal times).
    public static func match(sent: [TimedEvent], delivered: [(event: TimedEvent, delivered: Double)]) -> [Double] {
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
