import Foundation
import Generation
import Logging
import MIDIFile
import Performance
import TestSupport
import Testing

/// The player's actions (pause, resume, panic, next piece, another model) on a simulated clock, through the one
/// way in (``LiveControls``), and what the performer tells its watchers (``EventHub``, ``StatusBoard``).
@Suite(.serialized) struct PerformerActionsTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// Note-ons of `events` between `from` and `to` (session times).
    func onsets(_ events: [TimedEvent], from: Double, to: Double) -> [TimedEvent] {
        events.filter { event in
            if case .noteOn = event.kind { event.time > from && event.time < to } else { false }
        }
    }

    /// Whether some note of `events` sounds across `time` (starts before it and ends after it).
    func soundsAcross(_ events: [TimedEvent], _ time: Double) -> [U7] {
        var sounding: [U7: Double] = [:], across: [U7] = []
        for e in events {
            if case .noteOn(let p, _) = e.kind { sounding[p] = e.time }
            if case .noteOff(let p) = e.kind, let start = sounding.removeValue(forKey: p),
               start < time - 1e-9 && e.time > time + 1e-9 { across.append(p) }
        }
        return across
    }

    @Test func pauseResumePanicNextAndAnotherModel() throws {
        let folder = try TestPaths.temporaryFolder("actions")
        let recorder = try SessionRecorder(folder: folder, now: 0, date: Date(timeIntervalSince1970: 1_700_000_000))
        let sink = BreakingSink(breakAfter: .max)
        var options = Performer.Options()
        options.seconds = 40
        options.keepSent = true
        let first = try TinyModel.stream(seed: 2, pause: 0.5)
        let performer = Performer(stream: first, sinks: [sink], recorder: recorder, clock: SimulatedClock(), options: options, logger: logger)
        let live = performer.live, hub = performer.events
        var cursor = hub.cursor
        var seen: [PerformanceEvent] = []
        var pausedStatus = false, silences = 0
        let other = StreamHandoff(try TinyModel.stream(seed: 77), model: "other.safetensors", info: "the same tiny model")
        var done = Set<Int>()
        performer.onTick = { now in
            let batch = hub.read(after: cursor, limit: 10_000)
            cursor = batch.cursor
            seen += batch.events
            if sink.silencedWith != nil { silences += 1; sink.silencedWith = nil }
            func once(_ at: Double, _ action: () -> Void) { if now >= at && done.insert(Int(at)).inserted { action() } }
            once(10) { live.pause() }
            once(12) { pausedStatus = performer.status.current.paused }
            once(15) { live.resume() }
            once(20) { live.panic() }
            once(25) { live.next() }
            once(30) { live.play(other) }
        }
        let report = try performer.run()
        seen += hub.read(after: cursor, limit: 10_000).events  // what the end published
        let sent = report.sent
        let cuts = seen.compactMap { if case .cut(let t, let reason) = $0 { (t: t, reason: reason) } else { nil } }
        #expect(cuts.map(\.reason) == ["pause", "panic", "next", "model", "end"], "\(cuts)")
        // Each action is taken at the next tick: within one tick (20 ms) of when it was asked.
        for (cut, asked) in zip(cuts, [10.0, 20, 25, 30, 40]) {
            #expect(cut.t >= asked - 1e-9 && cut.t <= asked + 0.041, "\(cut.reason) at \(cut.t), asked at \(asked)")
        }

        // Pause: silence at once (every sounding note ends there), nothing new until resumed, the clock runs on.
        let paused = cuts[0].t
        #expect(onsets(sent, from: paused, to: 15).isEmpty, "notes while paused: \(onsets(sent, from: paused, to: 15))")
        #expect(!onsets(sent, from: 15, to: 16.5).isEmpty, "playing on after resume")
        #expect(pausedStatus, "the status says paused")
        #expect(abs(report.seconds - 40) < 1e-6, "a paused session still ends on time")
        // Every cut ends every note; the music goes on after each but the last.
        for cut in cuts {
            #expect(soundsAcross(sent, cut.t).isEmpty, "something sounds across the \(cut.reason) at \(cut.t)")
            if cut.reason != "end" && cut.reason != "pause" {
                #expect(!onsets(sent, from: cut.t, to: cut.t + 1.5).isEmpty, "music after the \(cut.reason) at \(cut.t)")
            }
        }
        #expect(silences >= 4, "every sink silenced at pause, panic, next and the switch: \(silences)")
        let pauses = seen.compactMap { if case .paused(let p, _) = $0 { p } else { nil } }
        #expect(pauses == [true, false])
        let pieces = seen.compactMap { if case .piece(let n, _) = $0 { n } else { nil } }
        #expect(pieces == Array(1...(pieces.last ?? 0)) && pieces.count >= 3, "pieces counted across next and the switch: \(pieces)")
        // Another model: the performer plays it, and the counts go on.
        #expect(performer.status.current.model == "other.safetensors" && performer.stream !== first)
        #expect(seen.contains { if case .model("other.safetensors", _) = $0 { true } else { false } })
        #expect(report.tokens == first.tokensGenerated + performer.stream.tokensGenerated)
        // The recording agrees: no note crosses a cut, and what was announced as sent is what was recorded.
        let notes = try StandardMIDIFile(contentsOf: report.recordings[0]).notes().notes
        for cut in cuts {
            let crossing = notes.filter { $0.start < cut.t - 0.001 && $0.end > cut.t + 0.001 }
            #expect(crossing.isEmpty, "recorded notes cross the \(cut.reason): \(crossing.map { ($0.pitch, $0.start, $0.end) })")
        }
        // What a cut withdrew (sent for after it) never sounded; everything else announced is recorded.
        var announced: [TimedEvent] = []
        for event in seen {
            if case .sent(let events) = event { announced += onsets(events, from: -1, to: .infinity) }
            if case .cut(let t, _) = event { announced.removeAll { $0.time > t } }
        }
        let recorded = notes.map { "\(Int(($0.start * 1000).rounded())):\($0.pitch)" }.sorted()
        func pitch(_ event: TimedEvent) -> U7 { if case .noteOn(let p, _) = event.kind { p } else { 0 } }
        #expect(announced.map { "\(Int(($0.time * 1000).rounded())):\(pitch($0))" }.sorted() == recorded,
                "announced \(announced.count) notes, recorded \(notes.count)")
    }

    @Test func anEventHubNeverWaitsAndCountsWhatASlowReaderMissed() {
        let hub = EventHub(capacity: 8)
        let start = hub.cursor
        for i in 0..<5 { hub.publish(.warning("\(i)")) }
        var batch = hub.read(after: start)
        #expect(batch.events.count == 5 && batch.dropped == 0)
        let later = batch.cursor
        for i in 5..<25 { hub.publish(.warning("\(i)")) }
        batch = hub.read(after: later)
        #expect(batch.dropped == 12 && batch.events.count == 8, "the oldest go: \(batch.dropped)")
        if case .warning(let first) = batch.events.first! { #expect(first == "17") }
        #expect(hub.read(after: batch.cursor).events.isEmpty)
        batch = hub.read(after: start, limit: 3)
        #expect(batch.events.count == 3 && batch.dropped == 17)
    }
}
