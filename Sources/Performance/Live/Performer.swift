import Foundation
import Generation
import Logging
import MIDIFile

/// The daemon's heart: a token stream driven by a clock.
///
/// Each tick (every `Options.tick` seconds) the performer samples ahead of the clock until `lookahead` seconds
/// of music are scheduled, hands the new events to every sink with their session times (the sinks' own timers
/// make them sound on time, whether or not this thread wakes on time), moves what fell due into the recording,
/// and rewrites the recording when its flush interval has passed. A generator that falls behind makes late
/// events: they are sent at once, counted, and logged, and the sinks never stall.
///
/// The same loop runs on a `MonotonicClock` live and on a `SimulatedClock` in tests and long soak runs.
public final class Performer {
    public struct Options: Sendable {
        /// Seconds of music scheduled ahead of the clock.
        public var lookahead = 1.0
        /// Stop after this many seconds (nil: play until stopped).
        public var seconds: Double?
        /// Start a new recording file every this many seconds (nil: never, except on request).
        public var rotateEvery: Double?
        /// The first note sounds this long after the start, so that it is not late.
        public var startDelay = 0.1
        /// How often the loop wakes up to schedule more and record what fell due.
        public var tick = 0.02
        /// Send this program change (channel 1) to every sink as the session starts: a hardware synth or a DAW
        /// track then plays the chosen instrument (nil: leave the listeners' instruments alone).
        public var program: U7?
        /// Keep every event sent (tests and benchmarks compare them with what the sinks received).
        public var keepSent = false
        /// Where the counts and timings go (the control room's metrics); nowhere by default.
        public var meters: any PerformerMeters = NoMeters()
        /// The model's file and what it is, for the status (the control room shows them).
        public var model = ""
        public var modelInfo = ""
        /// Echo the player's notes (the input queue's) to every sink.
        public var thru = false
        /// Time how long a player's note takes to reach the model's state (`yamg bench respond`).
        public var measureInput = false
        public init() {}
    }


    /// The token stream playing: the one the session started with, until a new model is played (``LiveControls/play(_:)``).
    public internal(set) var stream: TokenStream
    public let clock: SessionClock
    /// Where control changes, stop and rotate requests come in from other threads; it starts from the stream's
    /// controls, so a surface changes what is playing.
    public let live: LiveControls
    public let options: Options
    /// What the performance tells its watchers: every note sent (ahead of the clock), control changes, pieces, cuts.
    public let events = EventHub()
    /// The status as of the latest tick.
    public let status = StatusBoard()
    var sinks: [Sink]
    let recorder: SessionRecorder?
    let logger: Logger
    var timeline = Timeline()
    var report = Report()
    // The state of a run: when it ends, how music time maps to session time, how far music is scheduled.
    var end = Double.infinity
    var pace = Pace(speed: 1, session: 0, music: 0)
    /// The controls in effect: the stream's at the start, then each change taken from `live`.
    public private(set) var controls: Controls
    var horizon = 0.0
    private var lateWindow = LateWindow()
    private var changeLog = ChangeLog()
    /// Pieces announced so far, and the tokens and pieces of streams played before this one.
    private var pieces = 0
    var earlier = (tokens: 0, pieces: 0, playerTokens: 0)
    var endScheduled = false
    /// A model to play once the piece playing ends (MIDI Program Change).
    var queued: StreamHandoff?
    /// Paused: nothing is generated or scheduled; the clock, the recording and the status go on.
    var paused = false
    /// Events scheduled on the sinks and not yet due: bounded by the lookahead, however long the session.
    public var pendingEvents: Int { timeline.pendingCount }
    /// Called once per tick with the session time (the daemon pings systemd's watchdog from it).
    public var onTick: ((Double) -> Void)?
    /// Where a player's events come in (MIDI input: ALSA port `in`, or a simulated player); nil: none.
    public let input: InputQueue?
    /// Who else reads the player's events (CC map, clock follower), called on this thread for each one in order.
    public var inputConsumers: [any InputConsumer] = []
    /// Called once the session has ended (closes an input that is not a sink).
    public var closeAtEnd: [() -> Void] = []
    var player = PlayerNotes()
    var inputRate = InputRate()
    var contextRate = InputRate(perSecond: InputRate.contextPerSecond)
    var inputLog = InputLog()
    /// The `respond` answer playing, if any.
    var answer: Answer?

    public init(stream: TokenStream, sinks: [Sink], recorder: SessionRecorder?, clock: SessionClock,
                options: Options = Options(), input: InputQueue? = nil, logger: Logger) {
        self.stream = stream
        self.input = input
        recorder?.hasInput = input != nil
        self.sinks = sinks
        self.recorder = recorder
        self.clock = clock
        controls = stream.controls
        live = LiveControls(stream.controls)
        stream.apply(Self.streamControls(controls))
        self.options = options
        self.logger = logger
        status.update { $0.model = options.model; $0.modelInfo = options.modelInfo; $0.sinks = sinks.map(\.name) }
    }

    /// Plays until `seconds` have passed, the stream finishes (one piece), or `live.stop()`.
    /// Throws only when a sink cannot start; a sink failing later is silenced, dropped and logged.
    public func run() throws -> Report {
        let start = clock.now()
        report.start = start
        do {
            for sink in sinks { try sink.start(now: start) }
        } catch {
            for sink in sinks { sink.close() }
            recorder?.discardIfEmpty()
            throw error
        }
        if let recorder {
            recorder.begin(now: start)
            report.recordings.append(recorder.path)
            events.publish(.recording(path: recorder.path, start: start))
            status.update { $0.recording = recorder.path; $0.recordingStart = start }
        }
        status.update { $0.start = start; $0.now = start }
        if let program = options.program { dispatch([TimedEvent(time: start, .program(program))], now: start) }
        end = options.seconds.map { start + $0 } ?? .infinity
        pace = Pace(speed: controls.speed, session: start + options.startDelay, music: stream.time)
        horizon = start + options.startDelay
        var nextRotation = options.rotateEvery.map { start + $0 } ?? .infinity

        while true {
            let requests = live.take()
            var now = clock.now()
            if requests.stop || now >= end { break }
            let mode = controls.mode
            apply(requests, now: now)
            if let line = changeLog.due(current: controls, now: now) { logger.info("\(line)") }
            modeChanged(from: mode, to: controls.mode, now: now)
            act(on: requests, now: now)
            takeInput(now: now)
            answerIfDue(now: now)
            if !paused && generating {
                let target = min(now + options.lookahead, end, answer?.end ?? .infinity)
                scheduleAhead(until: target, start: start)
                if stream.finished, let queued {
                    switchAtPieceEnd(queued)
                    scheduleAhead(until: target, start: start)
                }
                endAnswerIfDue(now: now)
                if stream.finished { end = min(end, horizon) }  // one piece: stop when it has sounded
                if horizon >= end && !endScheduled { scheduleEnd() }
            }

            now = clock.now()
            if let message = lateWindow.summary(now: now) {
                logger.warning("\(message)")
                events.publish(.warning(message))
            }
            let due = timeline.advance(to: now)
            if let recorder {
                recorder.record(due)
                if requests.rotate || now >= nextRotation {
                    nextRotation = options.rotateEvery.map { max(nextRotation, now) + $0 } ?? .infinity
                    rotate(recorder, now: now)
                } else {
                    flush(recorder, now: now)
                }
            }
            publishStatus(now: now)
            onTick?(now)
            if answer != nil { endAnswerIfDue(now: now) }
            let deadline = respondDeadline  // in the past while a key is still held: the tick checks again
            let wake = min(now + options.tick, end, nextRotation, deadline > now ? deadline : .infinity)
            if input != nil { sleepTakingInput(until: wake, after: now) } else { clock.sleep(until: wake) }
            if wake > now { options.meters.woke(lateBy: max(0, clock.now() - wake)) }
        }
        if let line = changeLog.due(current: controls, now: .infinity) { logger.info("\(line)") }
        let stop = min(clock.now(), end)
        if stop == end && endScheduled {
            // The last note-offs are on the sinks' queues, due at `end`: give them a moment to go out before
            // `silence` empties the queues (on a busy machine a timer can fire a little late).
            clock.sleep(until: end + Self.endGrace)
        }
        finish(at: stop, start: start)
        report.pieces = earlier.pieces + stream.piecesStarted
        report.tokens = earlier.tokens + stream.tokensGenerated
        report.playerTokens = earlier.playerTokens + stream.playerTokens
        publishStatus(now: stop)
        status.update { $0.finished = true }
        return report
    }

    /// The status board's numbers as of `now` (a few integers under a lock held only to copy them).
    private func publishStatus(now: Double) {
        let (events, late) = (report.events, report.lateEvents)
        let (tokens, pieces) = (earlier.tokens + stream.tokensGenerated, earlier.pieces + stream.piecesStarted)
        let paused = paused
        status.update { status in
            status.now = now
            status.events = events
            status.lateEvents = late
            status.tokens = tokens
            status.pieces = pieces
            status.paused = paused
        }
    }

    /// Applies a control change at this token boundary: a new speed from the horizon on (what is scheduled keeps
    /// its times), sampling and pause from the next token. One log line per change, naming who asked (changes
    /// in a flood are said together, at most once a second: ``ChangeLog``).
    private func apply(_ requests: LiveControls.Requests, now: Double) {
        guard let new = requests.controls, new != controls else { return }
        if new.speed != controls.speed { pace.change(speed: new.speed, session: horizon, music: stream.time) }
        stream.apply(Self.streamControls(new))
        let source = requests.sources.joined(separator: ", ")
        if let line = changeLog.changed(from: controls, to: new, sources: requests.sources, now: now) { logger.info("\(line)") }
        events.publish(.controls(source: source, changes: new.changes(from: controls).map {
            ControlChange(key: $0.rawValue, old: controls.text($0), new: new.text($0))
        }))
        controls = new
    }

    /// Samples until music is scheduled up to session time `target`, a quarter second of music at a time so
    /// the sinks get each piece as soon as it exists. Events already due are late: sent at once and counted.
    private func scheduleAhead(until target: Double, start: Double) {
        while horizon < target && !stream.finished {
            // accompany: a note that came in while a chunk was generated enters the context before the next one.
            if controls.mode == .accompany, let input, input.count > 0 { takeInput(now: clock.now()) }
            let tokensBefore = stream.tokensGenerated
            let began = ContinuousClock.now
            var events = stream.generate(until: min(pace.musicTime(session: target), stream.time + 0.25), maxTokens: 64)
            if answer != nil { events = alignAnswer(events) }
            let took = ContinuousClock.now - began
            options.meters.generated(tokens: stream.tokensGenerated - tokensBefore,
                                     seconds: Double(took.components.seconds) + Double(took.components.attoseconds) * 1e-18)
            horizon = pace.sessionTime(music: stream.time)
            let now = clock.now()
            var late = 0
            for i in events.indices {
                events[i].time = pace.sessionTime(music: events[i].time)
                if events[i].time < now {
                    lateWindow.count(lateness: now - events[i].time)
                    late += 1
                    report.maxLateness = max(report.maxLateness, now - events[i].time)
                    events[i].time = now
                }
            }
            if late > 0 {
                report.lateEvents += late
                options.meters.late(late)
            }
            dispatch(events.filter { $0.time < min(end, answer?.end ?? .infinity) }, now: now)
            if earlier.pieces + stream.piecesStarted != pieces {
                pieces = earlier.pieces + stream.piecesStarted
                logger.info("piece \(pieces) starts at \(Self.clockText(horizon - start))")
                self.events.publish(.piece(number: pieces, time: horizon))
            }
        }
    }

    /// The end is known ahead: its note-offs go out with the music, timed by the sinks like any other event,
    /// instead of when the loop notices the end.
    private func scheduleEnd() {
        endScheduled = true
        dispatch(timeline.soundingAfterPending.compactMap { note in
            guard case .noteOn(let pitch, _) = note.kind else { return nil }
            return TimedEvent(time: end, .noteOff(pitch: pitch), channel: note.channel)
        }, now: clock.now())
    }

    func dispatch(_ events: [TimedEvent], now: Double) {
        guard !events.isEmpty else { return }
        timeline.add(events)
        report.events += events.count
        if options.keepSent { report.sent += events }
        self.events.publish(.sent(events))
        options.meters.sent(events.count)
        for sink in sinks {
            do { try sink.schedule(events, now: now) } catch { drop(sink, error, now: now) }
        }
    }

    /// A failed sink still gets every note-off it can take, then leaves the session; the others play on.
    func drop(_ sink: Sink, _ error: Error, now: Double) {
        logger.error("\(sink.name) failed: \(error); silencing it and playing on without it")
        events.publish(.warning("\(sink.name) failed: \(error); playing on without it"))
        try? sink.silence(sounding: timeline.notesToSilence(includingPending: true), channels: timeline.channels.sorted(), now: now)
        sink.close()
        sinks.removeAll { $0 === sink }
        report.failedSinks.append(sink.name)
        let (names, failed) = (sinks.map(\.name), report.failedSinks)
        status.update { $0.sinks = names; $0.failedSinks = failed }
    }

    private func flush(_ recorder: SessionRecorder, now: Double) {
        do {
            if try recorder.flushIfDue(now: now) { options.meters.recording(bytes: recorder.fileBytes) }
        } catch {
            logger.error("\(error)")
        }
    }

    private func rotate(_ recorder: SessionRecorder, now: Double) {
        let old = recorder.path
        do {
            let new = try recorder.rotate(now: now)
            report.recordings.append(new)
            logger.info("recording: \(old) closed, now \(new)")
            events.publish(.recording(path: new, start: now))
            status.update { $0.recording = new; $0.recordingStart = now }
            options.meters.recording(bytes: recorder.fileBytes)
        } catch {
            logger.error("\(error)")
        }
    }

    /// Every sounding note ends now on every sink (future events are dropped), then CC 123 on each channel used;
    /// the recording ends at the same instant.
    private func finish(at now: Double, start: Double) {
        let due = timeline.advance(to: now)
        recorder?.record(due)
        // A note-off due just now may still sit in a sink's queue, which `silence` empties: the timeline counts
        // such notes as sounding (a second note-off is harmless; a lost one is a stuck note).
        // The player's keys still held sound through --thru: they end too.
        let sounding = timeline.notesToSilence(includingPending: false) + (options.thru ? player.heldOnsets : [])
        let channels = timeline.channels.union(options.thru ? Set(player.heldOnsets.map(\.channel)) : []).sorted()
        for sink in sinks {
            do { try sink.silence(sounding: sounding, channels: channels, now: now) } catch {
                logger.error("\(sink.name) failed while silencing: \(error)")
                report.failedSinks.append(sink.name)
            }
            sink.close()
        }
        timeline.dropPending()
        if options.keepSent { report.sent = report.sent.cut(at: now) }
        events.publish(.cut(time: now, reason: "end"))
        do { try recorder?.finish(now: now) } catch { logger.error("\(error)") }
        for close in closeAtEnd { close() }
        report.seconds = now - start
    }

    /// What the stream samples with: the controls, with `accompany-register` as the register in `accompany`.
    static func streamControls(_ controls: Controls) -> Controls {
        guard controls.mode == .accompany, controls.accompanyRegister != .all else { return controls }
        var adjusted = controls
        try? adjusted.set(.register, text: controls.text(.accompanyRegister))
        return adjusted
    }

    /// How long the sinks get to deliver the events due at the end of a `--seconds` session.
    static let endGrace = 0.06

    static func clockText(_ seconds: Double) -> String {
        let s = Int(max(0, seconds))
        return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
    }
}
