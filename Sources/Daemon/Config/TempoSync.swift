/// What `yamg perform` takes its tempo and its start and stop from (`sync`).
public enum TempoSync: String, CaseIterable, Sendable {
    /// Its own clock: speed is the `speed` control.
    case none
    /// The MIDI clock arriving at the input port: Start/Continue play, Stop pauses, its tempo sets `speed`.
    case midiClock = "midi-clock"
}
