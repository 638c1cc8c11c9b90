import Foundation
import Generation
import Logging
import MIDIFile
import Performance
import Synchronization
import TestSupport
import Testing

/// A player in the loop, on a simulated clock: a scripted feed pushes ``InputEvent``s into the performer's input
/// queue as the clock reaches them, through the same queue the ALSA port `in` fills, and the recording is read back.
@Suite(.serialized) struct PlayerInputTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// A phrase: `pitches` struck one after another every `step` seconds from `start`, each held `length`.
    static func phrase(_ pitches: [UInt8], start: Double, step: Double = 0.25, length: Double = 0.2) -> [InputEvent] {
        pitches.enumerated().flatMap { i, p -> [InputEvent] in
            let t = start + Double(i) * step
            return [InputEvent(time: t, .noteOn(pitch: U7(rawValue: p)!, velocity: 90)), InputEvent(time: t + length, .noteOff(pitch: U7(rawValue: p)!))]
        }.sorted { $0.time < $1.time }
    }

    /// A performer with `controls`, a recorder and an input queue fed from `script` as the clock passes each time.
    static func performer(_ controls: Controls, script: [InputEvent], seconds: Double, folder: String,
                          lookahead: Double = 1, capacity: Int = 1024) throws -> (Performer, SessionRecorder, InputQueue) {
        let clock = SimulatedClock()
        let recorder = try SessionRecorder(folder: folder, flushInterval: 0.5, now: 0, date: Date(timeIntervalSince1970: 1_700_000_000))
        var options = Performer.Options()
        options.seconds = seconds
        options.keepSent = true
        options.lookahead = lookahead
        // The simulated clock cannot be woken by the queue's bell: short ticks take the input within 2 ms, as the
        // bell does on a real clock.
        options.tick = 0.002
        let stream = try TinyModel.stream()
        stream.apply(controls)
        let queue = InputQueue(capacity: capacity)
        let performer = Performer(stream: stream, sinks: [], recorder: recorder, clock: clock, options: options,
                                  input: queue, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        var next = 0
        performer.onTick = { now in
            while next < script.count && script[next].time <= now {
                queue.push(script[next])
                next += 1
            }
        }
        return (performer, recorder, queue)
    }

    static func noteOns(_ events: [TimedEvent]) -> [(time: Double, pitch: UInt8)] {
        events.compactMap { if case .noteOn(let p, _) = $0.kind { ($0.time, p.rawValue) } else { nil } }
    }

    /// respond: silent during the phrase; the answer starts respond-after (+ ≤ 30 ms) after the call ends, and
    /// stops at once, every note ended, when the player plays again; the recording holds both parts.
    @Test func respondAnswersAfterTheCallAndStopsWhenThePlayerPlays() throws {
        var controls = Controls()
        try controls.set(.mode, text: "respond")
        try controls.set(.respondLength, 3)
        let call = Self.phrase([60, 62, 64, 65, 67, 65, 64, 62], start: 0.5)
        let callEnd = call.last!.time, lastStrike = call.last { if case .noteOn = $0.kind { true } else { false } }!.time
        let again = Self.phrase([67, 72], start: callEnd + 2.5)
        let folder = try TestPaths.temporaryFolder("respond")
        let (performer, recorder, _) = try Self.performer(controls, script: call + again, seconds: callEnd + 8, folder: folder)
        let report = try performer.run()

        let yamg = Self.noteOns(report.sent)
        #expect(report.lateEvents == 0)
        #expect(!yamg.isEmpty, "no answer")
        let first = try #require(yamg.first).time
        // No key struck for respond-after and none held: the answer's first note 20 ms later (+ one 2 ms tick).
        #expect(first >= lastStrike + 1.0 && first <= max(lastStrike + 1.0, callEnd) + 0.030,
                "first answering note at \(first - lastStrike) s after the last strike")
        #expect(report.answerLatencies.count == 2, "\(report.answerLatencies)")
        #expect(report.answerLatencies.allSatisfy { $0 <= 1.0 + 0.030 }, "\(report.answerLatencies)")
        // Silent while the second call sounds: nothing struck between its first note and its end + respond-after.
        let interrupt = again.first!.time, taken = interrupt + 0.0045  // pushed at the next tick, taken at the one after
        #expect(!yamg.contains { $0.time >= taken && $0.time < again.last!.time + 0.5 }, "yamg played over the player")
        #expect(yamg.contains { $0.time < interrupt }, "the first answer made no note before the player came back")
        // Every note of the answer ended by the interruption.
        let mine = try recordedTrack("yamg session", of: recorder.path)
        let outlived = mine.filter { $0.start < interrupt && $0.end > taken }.map { ($0.pitch, $0.start, $0.end) }
        let around = report.sent.filter { $0.time > interrupt - 0.3 && $0.time < interrupt + 0.1 }
        #expect(outlived.isEmpty, "still sounding when the player came back: \(outlived); sent \(around)")

        let input = try recordedTrack("input", of: recorder.path)
        #expect(input.map(\.pitch) == (call + again).compactMap { if case .noteOn(let p, _) = $0.kind { p.rawValue } else { nil } })
        for (note, event) in zip(input, (call + again).filter { if case .noteOn = $0.kind { true } else { false } }) {
            #expect(abs(note.start - event.time) < 0.005, "\(note) vs \(event)")
        }
        #expect(mine.count == yamg.filter { $0.time <= callEnd + 8 }.count)
    }

    /// accompany: the player's notes reach the model's context, yamg strikes no key the player holds, and it keeps
    /// playing (not silent as in respond).
    @Test func accompanyNeverStrikesAHeldKeyAndHearsThePlayer() throws {
        var controls = Controls()
        try controls.set(.mode, text: "accompany")
        try controls.set(.key, text: "off")
        // Chords held 1.5 s each over the model's busiest register.
        var script: [InputEvent] = []
        for (i, chord) in [[60, 64, 67], [62, 65, 69], [59, 62, 67], [60, 64, 67, 72]].enumerated() {
            let t = 1 + Double(i) * 2
            for p in chord { script.append(InputEvent(time: t, .noteOn(pitch: U7(rawValue: UInt8(p))!, velocity: 80))) }
            for p in chord { script.append(InputEvent(time: t + 1.5, .noteOff(pitch: U7(rawValue: UInt8(p))!))) }
        }
        let folder = try TestPaths.temporaryFolder("accompany")
        let (performer, _, _) = try Self.performer(controls, script: script, seconds: 10, folder: folder)
        let report = try performer.run()
        #expect(performer.stream.playerTokens >= 13, "player tokens in the context: \(performer.stream.playerTokens)")
        let yamg = Self.noteOns(report.sent)
        #expect(yamg.count > 20, "accompany keeps playing: \(yamg.count) notes")
        var checked = 0
        for i in stride(from: 0, to: script.count, by: 1) {
            guard case .noteOn(let p, _) = script[i].kind else { continue }
            let off = script.first { $0.time > script[i].time && $0.kind == .noteOff(pitch: p) }!.time
            checked += 1
            let struck = yamg.filter { $0.pitch == p.rawValue && $0.time >= script[i].time && $0.time < off }
            #expect(struck.isEmpty, "yamg struck \(p) at \(struck.map(\.time)) while the player held it (\(script[i].time)–\(off))")
        }
        #expect(checked == 13)
        #expect(report.lateEvents == 0)
    }

    /// Mode changes live: solo plays; respond silences at once and waits for a phrase, then answers; accompany
    /// plays again.
    @Test func modeChangesWhilePlaying() throws {
        let folder = try TestPaths.temporaryFolder("mode-live")
        let call = Self.phrase([64, 67, 69, 67], start: 5)
        let (performer, _, _) = try Self.performer(Controls(), script: call, seconds: 16, folder: folder)
        let onTick = performer.onTick!
        let live = performer.live
        performer.onTick = { now in
            onTick(now)
            if abs(now - 3) < 0.011 { try? live.change(from: "test") { try $0.set(.mode, text: "respond") } }
            if abs(now - 11) < 0.011 { try? live.change(from: "test") { try $0.set(.mode, text: "accompany") } }
        }
        let report = try performer.run()
        let yamg = Self.noteOns(report.sent)
        #expect(yamg.contains { $0.time < 3 }, "solo played")
        #expect(!yamg.contains { $0.time > 3.05 && $0.time < 5.75 + 1.0 }, "silent in respond until the phrase ended")
        #expect(yamg.contains { $0.time > 7 && $0.time < 11 }, "answered")
        #expect(yamg.contains { $0.time > 11.2 }, "accompany played")
        #expect(report.lateEvents == 0)
    }

    /// The bad-input cases on a simulated feed: a storm (10,000 note-ons a second for 10 s), a sysex flood, a CC
    /// sent 1,000 times a second, note-ons without note-offs. The queue never holds more than its capacity, what is
    /// recorded stays within the rate, drops are counted and logged at most once a second, nothing is late, the
    /// recording is valid, and `respond` still answers (the stuck keys are released).
    @Test func badInputIsBoundedAndTheMusicKeepsItsTiming() throws {
        var script: [InputEvent] = []
        for i in 0..<100_000 {  // 10 s at 10,000/s, from 1 s
            let t = 1 + Double(i) / 10_000
            script.append(InputEvent(time: t, .noteOn(pitch: U7(truncating: 30 + i % 60), velocity: 100)))
        }
        for i in 0..<5_000 { script.append(InputEvent(time: 1 + Double(i) / 500, .sysexDropped(bytes: 4096))) }
        for i in 0..<10_000 { script.append(InputEvent(time: 1 + Double(i) / 1_000, .control(controller: 1, value: U7(truncating: i % 128)))) }
        script.sort { $0.time < $1.time }
        var controls = Controls()
        try controls.set(.mode, text: "respond")
        let folder = try TestPaths.temporaryFolder("storm")
        let (performer, recorder, queue) = try Self.performer(controls, script: script, seconds: 25, folder: folder)
        let warnings = Mutex<[String]>([])
        var cursor = performer.events.cursor
        var maxQueued = 0
        let onTick = performer.onTick!
        performer.onTick = { now in
            onTick(now)
            maxQueued = max(maxQueued, queue.count)
            let batch = performer.events.read(after: cursor, limit: 10_000)
            cursor = batch.cursor
            for case .warning(let line) in batch.events { warnings.withLock { $0.append(line) } }
        }
        let report = try performer.run()
        #expect(queue.pushed == script.count)
        #expect(maxQueued <= queue.capacity)
        #expect(report.inputDropped > 50_000, "dropped \(report.inputDropped)")
        #expect(report.lateEvents == 0)
        // At most 300 note events a second are taken (plus the stuck keys' releases).
        // (A key struck again while held gets its note-off first: two events.)
        #expect(recorder.inputEventCount <= 2 * (300 * 11 + 300) + 128, "recorded \(recorder.inputEventCount) input events")
        let lines = warnings.withLock { $0 }.filter { $0.hasPrefix("input:") }
        #expect(lines.count >= 9 && lines.count <= 12, "\(lines.count) input warnings: \(lines.prefix(3))")
        #expect(lines.contains { $0.contains("sysex ignored") })
        let (_, midiWarnings) = try StandardMIDIFile(contentsOf: recorder.path).notes()
        #expect(midiWarnings.isEmpty)
        // Keys never released are let go after 8 s, and the phrase is answered after the storm.
        #expect(Self.noteOns(report.sent).contains { $0.time > 11 }, "no answer after the storm")
    }

    /// A real-time storm: a thread pushes 10,000 note-ons a second for 10 s while the performer plays on a
    /// monotonic clock in accompany mode; the queue stays bounded and the storm adds no late event: the same
    /// session without it, run right before on this (shared, busy) machine, is the baseline.
    @Test(.tags(.slow), .timeLimit(.minutes(3))) func aRealTimeStormLeavesTheTimingAlone() throws {
        let quiet = try Self.realTime(storm: false)
        let storm = try Self.realTime(storm: true)
        let late = "late: \(quiet.report.lateEvents) without the storm (max \(quiet.report.maxLateness) s), "
            + "\(storm.report.lateEvents) with it (max \(storm.report.maxLateness) s)"
        print("real-time storm: \(late); \(storm.report.inputEvents) taken, \(storm.report.inputDropped) dropped")
        #expect(storm.report.lateEvents <= quiet.report.lateEvents, "\(late)")
        #expect(storm.queue.pushed > 90_000, "pushed \(storm.queue.pushed)")
        #expect(storm.maxQueued <= storm.queue.capacity)
        #expect(storm.report.inputEvents > 1000 && storm.report.inputDropped > 0)
    }

    static func realTime(storm: Bool) throws -> (report: Performer.Report, queue: InputQueue, maxQueued: Int) {
        let queue = InputQueue()
        var controls = Controls()
        try controls.set(.mode, text: "accompany")
        let stream = try TinyModel.stream()
        stream.apply(controls)
        var options = Performer.Options()
        options.seconds = 11
        let clock = MonotonicClock()
        let performer = Performer(stream: stream, sinks: [], recorder: nil, clock: clock, options: options, input: queue,
                                  logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        var maxQueued = 0
        performer.onTick = { _ in maxQueued = max(maxQueued, queue.count) }
        let done = Atomic<Bool>(false)
        let feeder = Thread {
            var i = 0
            let start = clock.now() + 0.5
            while storm && !done.load(ordering: .relaxed) && clock.now() < start + 10 {
                let due = Int((clock.now() - start) * 10_000)
                while i < due {
                    queue.push(InputEvent(time: clock.now(), i % 2 == 0 ? .noteOn(pitch: U7(truncating: 40 + i % 40), velocity: 90)
                                                                        : .noteOff(pitch: U7(truncating: 40 + (i - 1) % 40))))
                    i += 1
                }
                usleep(500)
            }
        }
        feeder.start()
        let report = try performer.run()
        done.store(true, ordering: .relaxed)
        return (report, queue, maxQueued)
    }
}
