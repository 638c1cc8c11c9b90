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
        public init() {}
    }


    public let stream: TokenStream
    public let clock: SessionClock
    /// Where control changes, stop and rotate requests come in from other threads; it starts from the stream's
    /// controls, so a surface changes what is playing.
    public let live: LiveControls
    public let options: Options
    private var sinks: [Sink]
    private let recorder: SessionRecorder?
    private let logger: Logger
    private var timeline = Timeline()
    private var report = Report()
    // The state of a run: when it ends, how music time maps to session time, how far music is scheduled.
    private var end = Double.infinity
    private var pace = Pace(speed: 1, session: 0, music: 0)
    /// The controls in effect: the stream's at the start, then each change taken from `live`.
    public private(set) var controls: Controls
    private var horizon = 0.0
    private var lateWindow = LateWindow()
    private var pieces = 0
    private var endScheduled = false
    /// Events scheduled on the sinks and not yet due: bounded by the lookahead, however long the session.
    public var pendingEvents: Int { timeline.pendingCount }
    /// Called once per tick with the session time (the daemon pings systemd's watchdog from it).
    public var onTick: ((Double) -> Void)?

    public init(stream: TokenStream, sinks: [Sink], recorder: SessionRecorder?, clock: SessionClock,
                options: Options = Options(), logger: Logger) {
        self.stream = stream
        self.sinks = sinks
        self.recorder = recorder
        self.clock = clock
        controls = stream.controls
        live = LiveControls(stream.controls)
        self.options = options
        self.logger = logger
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
        }
        if let program = options.program { dispatch([TimedEvent(time: start, .program(program))], now: start) }
        end = options.seconds.map { start + $0 } ?? .infinity
        pace = Pace(speed: controls.speed, session: start + options.startDelay, music: stream.time)
        horizon = start + options.startDelay
        var nextRotation = options.rotateEvery.map { start + $0 } ?? .infinity

        while true {
            let requests = live.take()
            var now = clock.now()
            if requests.stop || now >= end { break }
            apply(requests)
            scheduleAhead(until: min(now + options.lookahead, end), start: start)
            if stream.finished { end = min(end, horizon) }  // one piece: stop when it has sounded
            if horizon >= end && !endScheduled { scheduleEnd() }

            now = clock.now()
            if let message = lateWindow.summary(now: now) { logger.warning("\(message)") }
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
            onTick?(now)
            clock.sleep(until: min(now + options.tick, end, nextRotation))
        }
        let stop = min(clock.now(), end)
        if stop == end && endScheduled {
            // The last note-offs are on the sinks' queues, due at `end`: give them a moment to go out before
            // `silence` empties the queues (on a busy machine a timer can fire a little late).
            clock.sleep(until: end + Self.endGrace)
        }
        finish(at: stop, start: start)
        report.pieces = stream.piecesStarted
        report.tokens = stream.tokensGenerated
        return report
    }

    /// Applies a control change at this token boundary: a new speed from the horizon on (what is scheduled keeps
    /// its times), sampling and pause from the next token. One log line per change, naming who asked.
    private func apply(_ requests: LiveControls.Requests) {
        guard let new = requests.controls, new != controls else { return }
        if new.speed != controls.speed { pace.change(speed: new.speed, session: horizon, music: stream.time) }
        stream.apply(new)
        logger.info("controls (\(requests.sources.joined(separator: ", "))): \(new.changeSummary(from: controls))")
        controls = new
    }

    /// Samples until music is scheduled up to session time `target`, a quarter second of music at a time so
    /// the sinks get each piece as soon as it exists. Events already due are late: sent at once and counted.
    private func scheduleAhead(until target: Double, start: Double) {
        while horizon < target && !stream.finished {
            var events = stream.generate(until: min(pace.musicTime(session: target), stream.time + 0.25), maxTokens: 64)
            horizon = pace.sessionTime(music: stream.time)
            let now = clock.now()
            for i in events.indices {
                events[i].time = pace.sessionTime(music: events[i].time)
                if events[i].time < now {
                    lateWindow.count(lateness: now - events[i].time)
                    report.lateEvents += 1
                    report.maxLateness = max(report.maxLateness, now - events[i].time)
                    events[i].time = now
                }
            }
            dispatch(events.filter { $0.time < end }, now: now)
            if stream.piecesStarted != pieces {
                pieces = stream.piecesStarted
                logger.info("piece \(pieces) starts at \(Self.clockText(horizon - start))")
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

    private func dispatch(_ events: [TimedEvent], now: Double) {
        guard !events.isEmpty else { return }
        timeline.add(events)
        report.events += events.count
        if options.keepSent { report.sent += events }
        for sink in sinks {
            do { try sink.schedule(events, now: now) } catch { drop(sink, error, now: now) }
        }
    }

    /// A failed sink still gets every note-off it can take, then leaves the session; the others play on.
    private func drop(_ sink: Sink, _ error: Error, now: Double) {
        logger.error("\(sink.name) failed: \(error); silencing it and playing on without it")
        try? sink.silence(sounding: timeline.notesToSilence(includingPending: true), channels: timeline.channels.sorted(), now: now)
        sink.close()
        sinks.removeAll { $0 === sink }
        report.failedSinks.append(sink.name)
    }

    private func flush(_ recorder: SessionRecorder, now: Double) {
        do { try recorder.flushIfDue(now: now) } catch { logger.error("\(error)") }
    }

    private func rotate(_ recorder: SessionRecorder, now: Double) {
        let old = recorder.path
        do {
            let new = try recorder.rotate(now: now)
            report.recordings.append(new)
            logger.info("recording: \(old) closed, now \(new)")
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
        let sounding = timeline.notesToSilence(includingPending: false)
        let channels = timeline.channels.sorted()
        for sink in sinks {
            do { try sink.silence(sounding: sounding, channels: channels, now: now) } catch {
                logger.error("\(sink.name) failed while silencing: \(error)")
                report.failedSinks.append(sink.name)
            }
            sink.close()
        }
        timeline.dropPending()
        if options.keepSent { report.sent = report.sent.cut(at: now) }
        do { try recorder?.finish(now: now) } catch { logger.error("\(error)") }
        report.seconds = now - start
    }

    /// How long the sinks get to deliver the events due at the end of a `--seconds` session.
    static let endGrace = 0.06

    static func clockText(_ seconds: Double) -> String {
        let s = Int(max(0, seconds))
        return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
    }
}
