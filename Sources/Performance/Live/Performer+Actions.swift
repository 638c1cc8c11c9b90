import Foundation
import MIDIFile

extension Performer {
    /// The player's actions, taken at this tick: another model, the next piece, panic, pause and resume. Each
    /// that stops sound cuts at `now` (every sink silenced, what was scheduled withdrawn, the recording's notes
    /// ended there) and the music then starts again a moment later (``Options/startDelay``) from the stream's
    /// next token, so nothing already generated for after the cut sounds.
    func act(on requests: LiveControls.Requests, now: Double) {
        if let handoff = requests.stream {
            cut(at: now, reason: "model")
            queued = nil
            adopt(handoff, at: now)
            restart(at: now)
        } else if let handoff = requests.streamAtPieceEnd {
            queued = handoff
            stream.finishAtPieceEnd = true
        }
        if requests.next && !paused, let handoff = queued {
            cut(at: now, reason: "next")
            queued = nil
            adopt(handoff, at: now)
            restart(at: now)
        } else if requests.next && !paused {
            cut(at: now, reason: "next")
            var started: [TimedEvent] = []
            stream.startPiece(into: &started)
            restart(at: now)
            dispatch(started.map { TimedEvent(time: pace.sessionTime(music: $0.time), $0.kind, channel: $0.channel) }, now: now)
        }
        if requests.panic && !paused {
            cut(at: now, reason: "panic")
            logger.info("panic: every note off")
            restart(at: now)
        }
        switch requests.pause {
        case true? where !paused:
            cut(at: now, reason: "pause")
            paused = true
            logger.info("paused")
            events.publish(.paused(true, time: now))
        case false? where paused:
            paused = false
            restart(at: now)
            logger.info("playing on")
            events.publish(.paused(false, time: now))
        default:
            break
        }
    }

    /// Plays `handoff`'s stream from now on (with the controls in effect); the caller sets the pace.
    func adopt(_ handoff: StreamHandoff, at now: Double) {
        earlier.tokens += stream.tokensGenerated
        earlier.pieces += stream.piecesStarted
        earlier.playerTokens += stream.playerTokens
        stream = handoff.stream
        stream.apply(Self.streamControls(controls))
        logger.info("playing \(handoff.model)")
        events.publish(.model(path: handoff.model, time: now))
        status.update { $0.model = handoff.model; $0.modelInfo = handoff.info }
    }

    /// The piece playing has ended with a model waiting (``LiveControls/playAtPieceEnd(_:)``): the new model's first
    /// piece starts after the usual pause between pieces, as the old stream's next piece would have. Its notes are
    /// generated at once, so the switch adds no silence beyond that pause.
    func switchAtPieceEnd(_ handoff: StreamHandoff) {
        queued = nil
        let start = horizon + controls.pause / controls.speed
        adopt(handoff, at: horizon)
        horizon = min(start, end)
        pace.change(speed: controls.speed, session: horizon, music: stream.time)
    }

    /// Silences every sink at `now`, withdraws what was scheduled after it and ends the sounding notes there in the
    /// recording (and for the watchers); the stream lets go of its notes too, so the model's later note-offs for
    /// them change nothing.
    func cut(at now: Double, reason: String) {
        // What fell due since the last tick has sounded: it goes into the recording before the rest is withdrawn.
        let due = timeline.advance(to: now)
        recorder?.record(due)
        let sounding = timeline.notesToSilence(includingPending: false)
        let channels = timeline.channels.sorted()
        for sink in sinks {
            do { try sink.silence(sounding: sounding, channels: channels, now: now) } catch { drop(sink, error, now: now) }
        }
        timeline.dropPending()
        if options.keepSent { report.sent = report.sent.cut(at: now) }
        let offs = timeline.soundingAfterPending.compactMap { note -> TimedEvent? in
            guard case .noteOn(let pitch, _) = note.kind else { return nil }
            return TimedEvent(time: now, .noteOff(pitch: pitch), channel: note.channel)
        }
        // Already silenced on the sinks: only the timeline (hence the recording) and the watchers get them.
        timeline.add(offs)
        events.publish(.cut(time: now, reason: reason))
        if !offs.isEmpty { events.publish(.sent(offs)) }
        _ = stream.flush()
        endScheduled = false
    }

    /// Music starts again `startDelay` after `now`, from the stream's next token.
    func restart(at now: Double) {
        horizon = min(now + options.startDelay, end)
        pace.change(speed: controls.speed, session: horizon, music: stream.time)
    }
}
