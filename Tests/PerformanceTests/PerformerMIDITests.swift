import Foundation
import Generation
import Logging
import MIDIFile
import Performance
import TestSupport
import Testing

/// The performer's side of MIDI control, on a simulated clock: a model switch that waits for the piece to end, and
/// a knob turned without pause that changes the music at every tick but logs at most once a second.
@Suite(.serialized) struct PerformerMIDITests {
    @Test func programChangeSwitchesModelsAtAPieceEnd() throws {
        let sink = BreakingSink(breakAfter: .max)
        var options = Performer.Options()
        options.seconds = 12  // the first piece (seed 2) ends at 5.4 s
        options.keepSent = true
        let first = try TinyModel.stream(seed: 2, pause: 0.5)
        let performer = Performer(stream: first, sinks: [sink], recorder: nil, clock: SimulatedClock(), options: options,
                                  logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() })
        let other = try TinyModel.stream(seed: 77)
        let hub = performer.events
        var cursor = hub.cursor, seen: [PerformanceEvent] = []
        var asked = false
        var piecesWhenAsked = 0
        performer.onTick = { now in
            let batch = hub.read(after: cursor, limit: 10_000)
            cursor = batch.cursor
            seen += batch.events
            if now >= 3 && !asked {
                asked = true
                piecesWhenAsked = seen.filter { if case .piece = $0 { true } else { false } }.count
                performer.live.playAtPieceEnd(StreamHandoff(other, model: "other.safetensors", info: "tiny"))
            }
        }
        let report = try performer.run()
        seen += hub.read(after: cursor, limit: 10_000).events
        let cuts = seen.compactMap { if case .cut(_, let reason) = $0 { reason } else { nil } }
        #expect(cuts == ["end"], "no cut: the piece ended by itself \(cuts)")
        let switches = seen.compactMap { if case .model(let path, let t) = $0 { (path, t) } else { nil } }
        try #require(switches.count == 1, "the new model played (did the first piece end within 12 s?)")
        #expect(performer.stream === other && other.tokensGenerated > 0)
        let switchTime = switches[0].1
        // The old piece had ended: nothing of it sounds across the switch, and the new music starts after the
        // usual pause between pieces (0.5 s here at speed 1), no later.
        var sounding: [U7: Double] = [:]
        var lastOff = 0.0, firstOn: Double?
        for e in report.sent {
            if case .noteOn(let p, _) = e.kind {
                // (The piece's last token may strike notes that its end releases at once: zero-length, at the switch.)
                if e.time < switchTime { sounding[p] = e.time } else if e.time > switchTime + 1e-9 && firstOn == nil { firstOn = e.time }
            }
            if case .noteOff(let p) = e.kind, e.time <= switchTime + 1e-9 {
                sounding[p] = nil
                lastOff = max(lastOff, e.time)
            }
        }
        #expect(sounding.isEmpty, "old notes still sounding at the switch: \(sounding)")
        let gap = try #require(firstOn) - switchTime
        #expect(gap >= 0.5 - 1e-6 && gap < 0.5 + 1.0, "the new model starts after the pause: \(gap) s after the switch at \(switchTime)")
        #expect(lastOff <= switchTime + 1e-9)
        let piecesAtSwitch = seen.prefix { if case .model = $0 { false } else { true } }.filter { if case .piece = $0 { true } else { false } }.count
        #expect(piecesAtSwitch >= piecesWhenAsked, "it waited for a piece end")
        #expect(report.lateEvents == 0)
    }

    /// 1,000 CC messages a second for 20 s: the temperature follows the knob at every tick, the log has at most
    /// one line a second, and no event is late.
    @Test func aKnobTurnedWithoutPauseStaysQuietAndOnTime() throws {
        let capture = LogCapture()
        var options = Performer.Options()
        options.seconds = 20
        let performer = Performer(stream: try TinyModel.stream(seed: 3), sinks: [BreakingSink(breakAfter: .max)], recorder: nil,
                                  clock: SimulatedClock(), options: options, logger: capture.logger)
        let router = MIDIControlRouter(map: .standard, live: performer.live, logger: capture.logger)
        var sent = 0, lastTick = 0.0
        var temperatures = Set<Double>()
        performer.onTick = { now in
            // The messages that arrived since the last tick, 1 ms apart.
            while Double(sent) / 1000 < now {
                router.controlChange(channel: 1, cc: 74, value: U7(clamping: sent / 7 % 128), now: Double(sent) / 1000)
                sent += 1
            }
            temperatures.insert(performer.controls.temperature)
            lastTick = now
        }
        let report = try performer.run()
        #expect(sent >= 19_900, "sent \(sent)")
        #expect(temperatures.count > 100, "the music followed the knob: \(temperatures.count) temperatures")
        let lines = capture.messages.filter { $0.hasPrefix("controls (") }
        #expect(lines.count >= 10 && lines.count <= 21, "\(lines.count) lines: \(lines.prefix(3))")
        #expect(lines.allSatisfy { $0.contains("CC 74/ch 1") && $0.contains("temperature") })
        #expect(report.lateEvents == 0 && lastTick > 19)
    }

    /// CC 71 = 127 (speed 2 on the standard map) at 5 s: the recording holds the same music as a session without
    /// the knob (same seed, same notes in the same order), the same until the change and twice as fast after it.
    @Test func aSpeedKnobChangesTheRecordedTiming() throws {
        func session(turning: Bool, seconds: Double) throws -> [Note] {
            let folder = try TestPaths.temporaryFolder("speed-knob")
            let recorder = try SessionRecorder(folder: folder, now: 0, date: Date(timeIntervalSince1970: 1_700_000_000))
            var options = Performer.Options()
            options.seconds = seconds
            let quiet = Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
            let performer = Performer(stream: try TinyModel.stream(seed: 5, pause: 0.5), sinks: [], recorder: recorder,
                                      clock: SimulatedClock(), options: options, logger: quiet)
            let router = MIDIControlRouter(map: .standard, live: performer.live, logger: quiet)
            performer.onTick = { now in
                if turning && now >= 5 { router.controlChange(channel: 1, cc: 71, value: 127, now: now) }
            }
            let report = try performer.run()
            #expect(performer.controls.speed == (turning ? 2 : 1))
            return try StandardMIDIFile(contentsOf: report.recordings[0]).notes().notes
                .sorted { ($0.start, $0.pitch) < ($1.start, $1.pitch) }
        }
        let turned = try session(turning: true, seconds: 12), plain = try session(turning: false, seconds: 26)
        try #require(turned.count >= 20 && plain.count >= turned.count, "\(turned.count) and \(plain.count) notes")
        #expect(turned.map(\.pitch) == plain.prefix(turned.count).map(\.pitch), "the same notes in the same order")
        let early = turned.filter { $0.start < 5 }.count
        #expect(early > 3 && zip(turned.prefix(early), plain).allSatisfy { abs($0.start - $1.start) < 1e-3 }, "the same until the knob")
        // After the change has reached the horizon (5 s + the lookahead): spans of notes take half the time.
        let first = try #require(turned.firstIndex { $0.start >= 6.5 }), last = turned.count - 1
        let ratio = (turned[last].start - turned[first].start) / (plain[last].start - plain[first].start)
        #expect(abs(ratio - 0.5) < 0.02, "notes \(first)-\(last): \(ratio) of the time at speed 2")
    }

    /// On the real clock: 1,000 CC messages a second for 4 s into the input queue from another thread, as the ALSA
    /// reader pushes them. The performer takes them all (bounded: at most 128 a take), applies the latest value,
    /// logs a few lines, and no note is late.
    @Test func aCCFloodOnTheRealClockKeepsTheMusicOnTime() throws {
        let capture = LogCapture()
        let clock = MonotonicClock()
        let input = InputQueue()
        var options = Performer.Options()
        options.seconds = 6
        let performer = Performer(stream: try TinyModel.stream(seed: 4), sinks: [BreakingSink(breakAfter: .max)], recorder: nil,
                                  clock: clock, options: options, input: input, logger: capture.logger)
        let router = MIDIControlRouter(map: .standard, live: performer.live, logger: capture.logger)
        performer.inputConsumers.append(router)
        let sender = Thread {
            let start = clock.now()
            for n in 0..<4000 {
                let due = start + 0.5 + Double(n) / 1000
                while clock.now() < due { usleep(200) }
                input.push(InputEvent(time: clock.now(), .control(controller: 74, value: U7(clamping: n % 128)), channel: 0))
            }
        }
        sender.start()
        let report = try performer.run()
        #expect(input.pushed == 4000)
        // Every message reached the CC map: the queue dropped none (the report also counts, as dropped, the CCs over
        // the player's rate of note events, which the map still reads).
        #expect(router.received == 4000, "the CC map got \(router.received)")
        #expect(performer.controls.text(.temperature) == CCMapping(.control(.temperature), cc: 74).text(for: U7(clamping: 3999 % 128)), "the latest value")
        #expect(report.lateEvents == 0, "\(report.lateEvents) late, up to \(report.maxLateness) s")
        let lines = capture.messages.filter { $0.hasPrefix("controls (") }
        #expect(lines.count >= 3 && lines.count <= 7, "\(lines.count) lines")
        print("CC flood on the real clock: \(input.pushed) CC in 4 s, \(router.received) read by the CC map, \(report.events) events, \(report.lateEvents) late (max \(report.maxLateness) s), \(lines.count) log lines")
    }

    /// A model waiting for the piece's end plays at once when the player asks for the next piece.
    @Test func nextPlaysAWaitingModelAtOnce() throws {
        var options = Performer.Options()
        options.seconds = 6
        let performer = Performer(stream: try TinyModel.stream(seed: 2, pause: 0.5), sinks: [], recorder: nil, clock: SimulatedClock(),
                                  options: options, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() })
        let other = try TinyModel.stream(seed: 9)
        let router = MIDIControlRouter(map: MIDIControlMap([CCMapping(.action(.next), cc: 80, channel: 1)]), live: performer.live,
                                       logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() })
        var switchedAt: Double?
        performer.onTick = { now in
            if now >= 2 && now < 2.03 { performer.live.playAtPieceEnd(StreamHandoff(other, model: "other", info: "")) }
            if now >= 2.5 && now < 2.53 { router.controlChange(channel: 1, cc: 80, value: 127, now: now) }
            if switchedAt == nil && performer.stream === other { switchedAt = now }
        }
        _ = try performer.run()
        let at = try #require(switchedAt, "the waiting model never played")
        #expect(at >= 2.5 && at < 2.6, "switched at \(at)")
    }
}
