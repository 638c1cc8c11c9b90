import Foundation
import Generation
import MIDIFile

/// The musician's side of a duet: what the performer does with the input queue at each tick (and whenever the
/// queue's bell wakes it). The player's notes are recorded on the `input` track, shown to the watchers, echoed
/// with `--thru`, and, by `mode`: `respond` collects them into a phrase and answers it once the player stops;
/// `accompany` feeds them into the model's context as they come and keeps the model off the keys held.
///
/// Untrusted input cannot stall the music: one take is at most ``inputPerTake`` events, the notes handled are
/// held to ``InputRate`` (drops counted), and the drops are logged at most once a second.
extension Performer {
    /// Events taken from the queue at once (the rest wait for the next take, or are dropped by the full queue).
    static let inputPerTake = 128
    /// An answer's first note sounds this long after the answer starts (time for the first tokens).
    static let answerDelay = 0.02

    /// Takes what the player sent since the last take and acts on it.
    func takeInput(now: Double) {
        guard let input else { return }
        let taken = input.take(max: Self.inputPerTake)
        for line in taken.notices { logger.notice("\(line)") }
        inputLog.queueFull += taken.dropped
        if taken.dropped > 0 { options.meters.droppedInput(taken.dropped) }
        if !taken.events.isEmpty { options.meters.received(taken.events.count) }
        report.inputEvents += taken.events.count
        report.inputDropped += taken.dropped
        var notes: [TimedEvent] = []
        for event in taken.events {
            if case .sysexDropped = event.kind { inputLog.sysex += 1 }
            if let timed = event.timedEvent, inputRate.admit(now: now) {
                notes += player.take(TimedEvent(time: min(timed.time, now), timed.kind, channel: timed.channel))
            } else if event.timedEvent != nil {
                inputLog.overRate += 1
                report.inputDropped += 1
            }
            for consumer in inputConsumers { consumer.take(event, now: now) }
        }
        for consumer in inputConsumers { consumer.tick(now: now) }
        notes += player.releaseStuck(now: now)
        if let message = inputLog.summary(now: now) {
            logger.warning("\(message)")
            events.publish(.warning(message))
        }
        guard !notes.isEmpty else { return }
        let played = notes.filter { if case .control = $0.kind { false } else { true } }
        recorder?.recordInput(notes)
        if !played.isEmpty { events.publish(.received(played)) }
        if options.thru { echo(played, now: now) }
        if paused { return }
        switch controls.mode {
        case .solo: break
        case .respond:
            if answer != nil, played.contains(where: \.isNoteOn) {
                cut(at: now, reason: "player")
                answer = nil
                logger.info("the player plays again: answer stopped")
            }
        case .accompany:
            // The model hears at most ``InputRate/contextPerSecond`` of them (a storm must not eat its time).
            let heard = played.filter { _ in contextRate.admit(now: now) }
            inputLog.unheard += played.count - heard.count
            stream.hear(heard, held: player.heldPitches)
            withdrawHeld(now: now)
            if options.measureInput {
                let fed = clock.now()
                for note in played { if case .noteOn = note.kind { report.contextLatencies.append(fed - note.time) } }
                if report.contextLatencies.count > 100_000 { report.contextLatencies.removeFirst(50_000) }
            }
        }
    }

    /// `accompany`: the model's notes already scheduled on a key the player now holds are taken back (with their
    /// note-offs): the sinks drop what they hold and get the rest again. Only when there is such a note.
    private func withdrawHeld(now: Double) {
        let held = player.heldPitches
        guard held != 0 else { return }
        let pending = Array(timeline.pendingEvents)
        var dropping: UInt128 = 0
        var kept: [TimedEvent] = []
        kept.reserveCapacity(pending.count)
        for event in pending {
            switch event.kind {
            case .noteOn(let pitch, _) where held >> UInt128(pitch.rawValue) & 1 == 1 && event.time > now:
                dropping |= 1 << UInt128(pitch.rawValue)
                continue
            case .noteOff(let pitch) where dropping >> UInt128(pitch.rawValue) & 1 == 1:
                dropping &= ~(1 << UInt128(pitch.rawValue))
                continue
            default:
                kept.append(event)
            }
        }
        guard kept.count < pending.count else { return }
        report.withdrawn += pending.count - kept.count
        timeline.dropPending()
        timeline.add(kept)
        for sink in sinks {
            do {
                try sink.silence(sounding: [], channels: [], now: now)
                try sink.schedule(kept, now: now)
            } catch { drop(sink, error, now: now) }
        }
        if options.keepSent {
            report.sent = report.sent.filter { $0.time <= now } + kept.filter { $0.time > now }
        }
    }

    /// Sleeps until `wake`, taking the player's events as they come (the queue's bell wakes it) instead of at the
    /// next tick: a note-on is in the model's state within a millisecond or two. A storm rings the bell all the
    /// time, so input is taken at most once a millisecond; an answer that becomes due ends the sleep.
    func sleepTakingInput(until wake: Double, after start: Double) {
        guard let input else { return clock.sleep(until: wake) }
        var last = start
        while true {
            clock.sleep(until: min(wake, last + 0.001))
            guard clock.now() < wake else { return }
            clock.sleep(until: wake, orUntil: input.bell)
            let now = clock.now()
            guard now < wake else { return }
            takeInput(now: now)
            last = now
            if answerDue(now: now) { return }
        }
    }

    /// The player's notes to every sink at once (one synth sounds both).
    private func echo(_ notes: [TimedEvent], now: Double) {
        let echoed = notes.map { TimedEvent(time: now, $0.kind, channel: $0.channel) }
        guard !echoed.isEmpty else { return }
        for sink in sinks {
            do { try sink.schedule(echoed, now: now) } catch { drop(sink, error, now: now) }
        }
    }

    /// `respond`: the session time at which the phrase is over if nothing more comes (the loop wakes then).
    var respondDeadline: Double {
        guard controls.mode == .respond, answer == nil, !paused, player.hasPhrase else { return .infinity }
        return player.lastNoteOn + controls.respondAfter
    }

    /// `respond`: starts answering when the phrase is over: no key struck for `respond-after` and none held, or
    /// the sustain pedal lifted (`respond-pedal on`).
    func answerIfDue(now: Double) {
        guard answerDue(now: now) else { return }
        _ = stream.flush()
        let phrase = player.phrase
        let fed = stream.answer(phrase, end: player.lastNote, now: now)
        let callEnd = player.lastNote
        player.clearPhrase()
        answer = Answer(start: now, end: now + Self.answerDelay + controls.respondLength, callEnd: callEnd,
                        music: stream.time)
        horizon = now + Self.answerDelay
        endScheduled = false
        pace.change(speed: controls.speed, session: horizon, music: stream.time)
        logger.info("answering a phrase of \(phrase.count) events (\(fed) tokens of context) for \(controls.respondLength) s")
    }

    /// Whether `respond` should start answering now.
    func answerDue(now: Double) -> Bool {
        guard controls.mode == .respond, answer == nil, !paused, player.held.isEmpty, player.hasPhrase else { return false }
        return (controls.respondPedal && player.pedalLifted) || now >= player.lastNoteOn + controls.respondAfter
    }

    /// `respond`: an answer's first notes come as soon as the model strikes one (its silence before is skipped),
    /// so the reply starts ``answerDelay`` after the call ends. `events` are in music time.
    func alignAnswer(_ events: [TimedEvent]) -> [TimedEvent] {
        guard var answer, answer.aligning else { return events }
        defer { self.answer = answer }
        if let first = events.first(where: \.isNoteOn) {
            // Not before the model made it (a slow step): a first note due before now would be late.
            let firstNote = max(answer.start + Self.answerDelay, clock.now() + 0.005)
            pace.change(speed: controls.speed, session: firstNote, music: first.time)
            answer.aligning = false
            report.answerLatencies.append(firstNote - answer.callEnd)
            if report.answerLatencies.count > 10_000 { report.answerLatencies.removeFirst(5_000) }
            return events.filter { $0.time >= first.time }
        } else if stream.time - answer.music < 4 {
            pace.change(speed: controls.speed, session: answer.start + Self.answerDelay, music: stream.time)
            return []
        } else {
            answer.aligning = false  // a model silent for 4 s of music: let it be
            return events
        }
    }

    /// `respond`: the end of the answer is reached in generation (note-offs at its end) or in time (done).
    func endAnswerIfDue(now: Double) {
        guard var answer else { return }
        if !answer.ended && horizon >= answer.end {
            answer.ended = true
            dispatch(timeline.soundingAfterPending.compactMap { note in
                guard case .noteOn(let pitch, _) = note.kind else { return nil }
                return TimedEvent(time: max(now, answer.end), .noteOff(pitch: pitch), channel: note.channel)
            }, now: now)
            _ = stream.flush()
        }
        if answer.ended && now >= answer.end {
            self.answer = nil
            return
        }
        self.answer = answer
    }

    /// A change of `mode` at `now`: into `respond` everything stops (yamg waits for a phrase); out of it the music
    /// starts again; out of `accompany` the held keys are free again.
    func modeChanged(from old: PlayMode, to new: PlayMode, now: Double) {
        guard old != new else { return }
        if new == .respond {
            cut(at: now, reason: "mode")
            answer = nil
            player.clearPhrase()
        } else if old == .respond {
            answer = nil
            restart(at: now)
        }
        if old == .accompany { stream.hear([], held: 0) }
        if new == .accompany { stream.hear([], held: player.heldPitches) }
    }

    /// Whether the performer generates now: always, but in `respond` only while answering.
    var generating: Bool {
        controls.mode != .respond || (answer.map { !$0.ended } ?? false)
    }
}

/// A `respond` answer in progress (session times).
struct Answer {
    var start: Double
    var end: Double
    /// When the player's call ended (the last key struck or released).
    var callEnd: Double
    /// The stream's music time at the start.
    var music: Double
    /// The first note is not generated yet: the answer's start waits for it.
    var aligning = true
    /// Generation reached the end; the last notes are scheduled.
    var ended = false
}

/// How many note events per second the performer handles (a token bucket): far above a pianist, far below a
/// storm. What is over it is dropped and counted.
struct InputRate {
    static let perSecond = 300.0
    /// Of those, the note events a second that enter the model's context (accompany): a fast pianist's 40.
    static let contextPerSecond = 80.0
    let rate: Double
    private var tokens: Double
    private var last = -Double.infinity

    init(perSecond: Double = Self.perSecond) {
        rate = perSecond
        tokens = perSecond
    }

    mutating func admit(now: Double) -> Bool {
        if last > -.infinity { tokens = min(rate, tokens + (now - last) * rate) }
        last = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}

/// Counts what was dropped from the input and says so at most once a second.
struct InputLog {
    var queueFull = 0
    var overRate = 0
    var sysex = 0
    /// Notes recorded but not fed to the model (over ``InputRate/contextPerSecond``).
    var unheard = 0
    private var lastLog = -Double.infinity

    mutating func summary(now: Double) -> String? {
        guard queueFull + overRate + sysex + unheard > 0, now - lastLog >= 1 else { return nil }
        var parts: [String] = []
        if queueFull > 0 { parts.append("\(queueFull) dropped (input queue full)") }
        if overRate > 0 { parts.append("\(overRate) dropped (over \(Int(InputRate.perSecond)) notes/s)") }
        if unheard > 0 { parts.append("\(unheard) not heard by the model (over \(Int(InputRate.contextPerSecond)) notes/s)") }
        if sysex > 0 { parts.append("\(sysex) sysex ignored") }
        let line = "input: " + parts.joined(separator: ", ") + (lastLog == -.infinity ? "" : " in the last second")
        (queueFull, overRate, sysex, unheard, lastLog) = (0, 0, 0, 0, now)
        return line
    }
}
