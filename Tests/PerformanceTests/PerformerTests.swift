import Analysis
import Foundation
import Generation
import Logging
import MIDIFile
import Performance
import TestSupport
import Testing

/// The performer loop on a simulated clock: hours of music in seconds, through the real recorder.
@Suite(.serialized) struct PerformerTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// Notes of a MIDI file as (pitch, start, end), read back by the MIDI core.
    func notes(_ path: String) throws -> [(pitch: UInt8, start: Double, end: Double)] {
        let (notes, warnings) = try StandardMIDIFile(contentsOf: path).notes()
        #expect(warnings.isEmpty, "\(path): \(warnings)")
        return notes.map { ($0.pitch, $0.start, $0.end) }
    }

    @Test(.tags(.slow), .timeLimit(.minutes(10))) func anHourSimulatedStaysFlatRotateAndRecordEveryNote() throws {
        let folder = try TestPaths.temporaryFolder("performer")
        let clock = SimulatedClock()
        let recorder = try SessionRecorder(folder: folder, flushInterval: 2, now: 0,
                                           date: Date(timeIntervalSince1970: 1_700_000_000))
        var options = Performer.Options()
        options.seconds = 3600
        options.rotateEvery = 300
        options.keepSent = true
        let performer = Performer(stream: try TinyModel.stream(), sinks: [], recorder: recorder, clock: clock,
                                  options: options, logger: logger)
        // What the performer and recorder hold, sampled every tick (RSS would also count other tests running in
        // this process): the queue stays within the lookahead, the recording within one rotation period.
        var maxPending = 0, maxRecorded = 0, recordedBeforeRotation: [Int] = []
        performer.onTick = { now in
            maxPending = max(maxPending, performer.pendingEvents)
            maxRecorded = max(maxRecorded, recorder.eventCount)
            if now.truncatingRemainder(dividingBy: 300) > 299.95 { recordedBeforeRotation.append(recorder.eventCount) }
        }
        let report = try performer.run()

        #expect(abs(report.seconds - 3600) < 1e-6)
        #expect(report.lateEvents == 0)
        #expect(report.pieces > 1, "it must go on piece after piece")
        #expect(report.recordings.count == 12, "one file per 5 minutes: \(report.recordings.count)")
        #expect(Set(report.recordings).count == 12, "no file overwritten")
        // Every note sent is in exactly one file; notes crossing a rotation are split in two.
        var recorded = 0
        for (i, path) in report.recordings.enumerated() {
            let midi = try StandardMIDIFile(contentsOf: path)
            #expect(abs(midi.durationSeconds - 300) < 0.01, "file \(i) lasts \(midi.durationSeconds) s")
            recorded += try notes(path).count
        }
        let sentNotes = report.sent.filter { if case .noteOn = $0.kind { true } else { false } }.count
        #expect(sentNotes > 1000)
        #expect(recorded >= sentNotes && recorded <= sentNotes + 11 * 24, "sent \(sentNotes), recorded \(recorded)")
        #expect(maxPending < 400, "\(maxPending) events pending")
        #expect(maxRecorded < report.sent.count / 6, "the recorder held \(maxRecorded) of \(report.sent.count) events")
        #expect(recordedBeforeRotation.count >= 11 && recordedBeforeRotation.allSatisfy { $0 > 100 })
    }

    @Test(.tags(.slow), .timeLimit(.minutes(10))) func aSlowGeneratorMakesLateEventsButNeverStalls() throws {
        let clock = SlowClock(costPerReading: 0.3)  // each 0.25 s of music takes 0.3 s to make
        var options = Performer.Options()
        options.seconds = 30
        options.keepSent = true
        let performer = Performer(stream: try TinyModel.stream(), sinks: [], recorder: nil, clock: clock,
                                  options: options, logger: logger)
        let report = try performer.run()
        #expect(report.lateEvents > 0)
        #expect(abs(report.seconds - 30) < 0.5, "the session still ends on time")
        #expect(zip(report.sent, report.sent.dropFirst()).allSatisfy { $0.time <= $1.time }, "late events go out in order")
    }

    /// Plays the tiny model for up to `seconds` of simulated time; `onTick` may change controls or stop it.
    func play(seconds: Double, logger: Logger? = nil,
              onTick: @escaping (Double, LiveControls) -> Void = { _, _ in }) throws -> (Performer, Performer.Report) {
        var options = Performer.Options()
        options.seconds = seconds
        options.keepSent = true
        options.program = 19
        let performer = Performer(stream: try TinyModel.stream(seed: 3), sinks: [], recorder: nil, clock: SimulatedClock(),
                                  options: options, logger: logger ?? self.logger)
        let live = performer.live
        performer.onTick = { onTick($0, live) }
        return (performer, try performer.run())
    }

    /// A speed change reaches the music: the same tokens (sampling does not depend on speed) sound with onsets
    /// half as far apart after it, and as far apart as at speed 1 before it; a stop ends the session at once.
    @Test func speedAndStopApplyLive() throws {
        let (_, steady) = try play(seconds: 40)
        let (performer, report) = try play(seconds: 120) { (now: Double, live: LiveControls) in
            if now >= 20 { try! live.change(from: "test") { try $0.set(.speed, 2) } }
            if now >= 40 { live.stop() }
        }
        #expect(abs(report.seconds - 40) < 0.1, "stopped at \(report.seconds)")
        #expect(performer.controls.speed == 2)
        #expect(report.sent.allSatisfy { $0.time <= report.seconds + 1e-9 })
        #expect(report.sent.first?.kind == .program(19), "a chosen program goes out first")
        func onsets(_ events: [TimedEvent]) -> [Double] {
            events.compactMap { if case .noteOn = $0.kind { $0.time } else { nil } }
        }
        let before = onsets(steady.sent), after = onsets(report.sent)
        // The change applies at the horizon, at most the lookahead (1 s) after it was asked for.
        let changed = after.firstIndex { $0 > 21.1 }!, steadyEnd = before.firstIndex { $0 > 19.9 }!
        var compared = (before: 0, after: 0)
        for i in 1..<steadyEnd {
            #expect(abs((after[i] - after[i - 1]) - (before[i] - before[i - 1])) < 1e-9, "onset \(i) before the change")
            compared.before += 1
        }
        for i in changed..<min(after.count, before.count) where i > changed {
            #expect(abs((after[i] - after[i - 1]) * 2 - (before[i] - before[i - 1])) < 1e-9, "onset \(i) after the change")
            compared.after += 1
        }
        #expect(compared.before >= 20 && compared.after >= 20, "compared \(compared)")
        // After the stop nothing sounds: every note-on has its note-off.
        var open: [U7: Int] = [:]
        for e in report.sent {
            if case .noteOn(let p, _) = e.kind { open[p, default: 0] += 1 }
            if case .noteOff(let p) = e.kind, open[p, default: 0] > 0 { open[p]! -= 1 }
        }
        #expect(open.values.allSatisfy { $0 == 0 })
    }

    /// A sampling change goes the one way every surface uses (``LiveControls``), reaches the stream's sampler at
    /// a token boundary, and is logged once, naming its source; an invalid value changes nothing.
    @Test func samplingChangesReachTheSamplerAndAreLoggedOnce() throws {
        let log = LogCapture()
        var asked = 0
        let (performer, _) = try play(seconds: 30, logger: log.logger) { (now: Double, live: LiveControls) in
            guard now >= 10, asked < 3 else { return }
            asked += 1  // asked three times in a row: one change, one log line
            try! live.change(from: "test") { try $0.set(.temperature, 0.5); try $0.set(.topK, 5) }
            #expect(throws: ControlError.self) { try live.change(from: "test") { try $0.set(.topP, 0) } }
        }
        #expect(performer.controls.temperature == 0.5 && performer.controls.topK == 5 && performer.controls.topP == 1)
        #expect(performer.stream.sampler.temperature == 0.5 && performer.stream.sampler.topK == 5)
        #expect(performer.stream.sampler.topP == 1)
        let changes = log.messages.filter { $0.hasPrefix("controls") }
        #expect(changes == ["controls (test): temperature 1 → 0.5, top-k 0 → 5"])
    }
}

extension PerformerTests {
    /// Every steering control changes live through ``LiveControls``: from the horizon after the change (at most the
    /// lookahead later) the music keeps to the new key and register, and the stream steers with the new targets
    /// (and plays its tokens' own timing once `tempo` is `free`).
    @Test func steeringChangesLive() throws {
        let log = LogCapture()
        var asked = false
        let (performer, report) = try play(seconds: 90, logger: log.logger) { (now: Double, live: LiveControls) in
            guard now >= 30, !asked else { return }
            asked = true
            try! live.change(from: "test") {
                try $0.set(.key, text: "Eb")
                try $0.set(.keyStrength, text: "hard")
                try $0.set(.register, text: "C3-C5")
                try $0.set(.density, 4)
                try $0.set(.polyphony, 3)
                try $0.set(.dynamics, -20)
                try $0.set(.tempo, text: "free")
            }
        }
        let steering = performer.stream.steering
        #expect(performer.stream.controls.tempo == .free && performer.stream.decoder.stretch == 1)
        #expect(steering.activeKey?.name == "Eb" && steering.strength == .hard && steering.register.description == "C3-C5")
        #expect(steering.densityTarget == 4 && steering.polyphonyTarget == 3 && steering.dynamics == -20)
        let changes = log.messages.filter { $0.hasPrefix("controls") }
        #expect(changes == ["controls (test): key auto → Eb, key-strength soft → hard, register all → C3-C5, density 0 → 4, "
            + "polyphony 0 → 3, dynamics 0 → -20, tempo hold → free"])
        let eb = MusicalKey(name: "Eb")!
        var before: [Int] = [], after: [Int] = []
        for event in report.sent {
            guard case .noteOn(let pitch, _) = event.kind else { continue }
            if event.time < 30 { before.append(pitch.int) } else if event.time > 31.1 { after.append(pitch.int) }
        }
        #expect(before.count > 40 && after.count > 40, "\(before.count) notes before, \(after.count) after")
        #expect(before.contains { !eb.contains(pitchClass: $0) || !(48...72).contains($0) }, "the change must be visible")
        #expect(after.allSatisfy { eb.contains(pitchClass: $0) && (48...72).contains($0) },
                "after the change: \(after.filter { !eb.contains(pitchClass: $0) || !(48...72).contains($0) })")
    }
}

/// A clock whose every reading costs time: a stand-in for a generator slower than real time.
final class SlowClock: SessionClock {
    private var time = 0.0
    let cost: Double
    init(costPerReading: Double) { cost = costPerReading }
    func now() -> Double { time += cost; return time }
    func sleep(until time: Double) { self.time = max(self.time, time) }
}

/// A sink that breaks after a number of deliveries, as a device unplugged mid-session does, and remembers what it got.
final class BreakingSink: Sink {
    let name = "breaking"
    var received: [TimedEvent] = []
    var silencedWith: [TimedEvent]?
    var schedulesLeft: Int
    init(breakAfter: Int) { schedulesLeft = breakAfter }
    func start(now: Double) throws {}
    func schedule(_ events: [TimedEvent], now: Double) throws {
        schedulesLeft -= 1
        if schedulesLeft < 0 { throw CocoaError(.fileWriteUnknown) }
        received += events
    }
    func silence(sounding: [TimedEvent], channels: [U4], now: Double) throws { silencedWith = sounding }
    func close() {}
}

extension PerformerTests {
    @Test(.tags(.slow), .timeLimit(.minutes(10))) func aSinkThatFailsIsSilencedAndTheOthersPlayOn() throws {
        let broken = BreakingSink(breakAfter: 40), healthy = BreakingSink(breakAfter: .max)
        var options = Performer.Options()
        options.seconds = 60
        let performer = Performer(stream: try TinyModel.stream(seed: 9), sinks: [broken, healthy], recorder: nil,
                                  clock: SimulatedClock(), options: options, logger: logger)
        let report = try performer.run()
        #expect(report.failedSinks == ["breaking"])
        #expect(abs(report.seconds - 60) < 1e-6, "the session goes on")
        #expect(healthy.received.count > broken.received.count && !broken.received.isEmpty)
        // Every note the broken sink started and did not stop was in its silence call.
        var open = Set<U7>()
        for e in broken.received {
            if case .noteOn(let p, _) = e.kind { open.insert(p) }
            if case .noteOff(let p) = e.kind { open.remove(p) }
        }
        let silenced = Set((broken.silencedWith ?? []).compactMap { e -> U7? in
            if case .noteOn(let p, _) = e.kind { p } else { nil }
        })
        #expect(open.isSubset(of: silenced), "open \(open), silenced \(silenced)")
        #expect(healthy.silencedWith != nil, "the healthy sink is silenced at the end")
    }
}
