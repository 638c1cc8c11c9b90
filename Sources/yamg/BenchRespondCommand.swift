import ArgumentParser
import Foundation
import Performance

/// `yamg bench respond MODEL`: how fast a player's notes reach the model, and how fast yamg answers a call.
struct BenchRespondCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "respond",
        abstract: "Time a simulated player's notes into the model's state (accompany) and the answer to a call (respond).",
        discussion: """
            host (default): the player is a thread pushing into the input queue as the ALSA reader does; no sound \
            device needed. alsa: the player is a second ALSA client sending to yamg:in (needs /dev/snd/seq: run it \
            inside ../shared/tools/alsa-vm). Goal on the host: context p99 <= 2 ms, answer p99 <= respond-after + 30 ms.
            """)

    @Argument(help: "The model file.") var model: String
    @Option(help: "host or alsa.") var path = "host"
    @Option(help: "Seconds of accompany (a note every 125 ms).") var seconds = 10.0
    @Option(help: "Calls answered in respond.") var phrases = 5
    @Option(help: "respond-after, in seconds.") var respondAfter = 1.0
    @Option(help: "Threads for the model's products.") var threads = 1
    @Option(help: "Random seed.") var seed: UInt64 = 1

    func validate() throws {
        guard RespondBenchmark.Path(rawValue: path) != nil else { throw ValidationError("--path must be host or alsa, got '\(path)'") }
        guard seconds > 0 else { throw ValidationError("--seconds must be positive, got \(seconds)") }
        guard phrases > 0 else { throw ValidationError("--phrases must be at least 1, got \(phrases)") }
        guard respondAfter >= 0.05 && respondAfter <= 30 else { throw ValidationError("--respond-after must be in [0.05, 30], got \(respondAfter)") }
    }

    func run() throws {
        let r = try RespondBenchmark.run(model: model, path: RespondBenchmark.Path(rawValue: path)!, seconds: seconds,
                                         phrases: phrases, respondAfter: respondAfter, threads: threads, seed: seed)
        let q = RespondBenchmark.Result.quantile
        let ms = { (x: Double) in x * 1000 }
        print(String(format: "%@: %d notes played; note-on to model state p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d); "
                        + "call end to first answering note p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d, respond-after %.0f ms); %d events, %d late",
                     path, r.notesPlayed, ms(q(r.contextLatencies, 0.5)), ms(q(r.contextLatencies, 0.99)), ms(r.contextLatencies.last ?? .nan),
                     r.contextLatencies.count, ms(q(r.answerLatencies, 0.5)), ms(q(r.answerLatencies, 0.99)), ms(r.answerLatencies.last ?? .nan),
                     r.answerLatencies.count, ms(r.respondAfter), r.events, r.lateEvents))
        print(String(format: "RESULT {\"path\": \"%@\", \"notes\": %d, \"context_ms_p50\": %.3f, \"context_ms_p99\": %.3f, \"context_ms_max\": %.3f, "
                        + "\"answers\": %d, \"answer_ms_p50\": %.1f, \"answer_ms_p99\": %.1f, \"answer_ms_max\": %.1f, \"respond_after_ms\": %.0f, "
                        + "\"events\": %d, \"late_events\": %d}",
                     path, r.notesPlayed, ms(q(r.contextLatencies, 0.5)), ms(q(r.contextLatencies, 0.99)), ms(r.contextLatencies.last ?? .nan),
                     r.answerLatencies.count, ms(q(r.answerLatencies, 0.5)), ms(q(r.answerLatencies, 0.99)), ms(r.answerLatencies.last ?? .nan),
                     ms(r.respondAfter), r.events, r.lateEvents))
    }
}
