import MIDIFile

/// Where a performance goes: an ALSA sequencer port, a FluidSynth synth, a recording.
///
/// Events reach a sink ahead of time (the lookahead), each stamped with the session time at which it must sound,
/// so timing never depends on our thread waking up on time: a sink hands them to something that keeps time itself
/// (ALSA's kernel queue, FluidSynth's sequencer). Session time is seconds on the performer's `SessionClock`.
public protocol Sink: AnyObject {
    /// A short name for logs ("alsa yamg:out", "fluidsynth pulseaudio", …).
    var name: String { get }

    /// The session starts: session time `now` is the current instant on the session clock.
    func start(now: Double) throws

    /// Schedules `events` (in time order, none earlier than `now`) to sound at their times.
    func schedule(_ events: [TimedEvent], now: Double) throws

    /// Silences everything at once: drops what is scheduled after `now`, sends a note-off for each of `sounding`
    /// (the notes that have started and not ended by `now`), then CC 123 (all notes off) on each of `channels`.
    func silence(sounding: [TimedEvent], channels: [U4], now: Double) throws

    /// Lets pending output finish and frees the sink's resources (after `silence`, at the end of a session).
    func close()
}
