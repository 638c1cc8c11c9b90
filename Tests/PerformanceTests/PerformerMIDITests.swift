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
}
