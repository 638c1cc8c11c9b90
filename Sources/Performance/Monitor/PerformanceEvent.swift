import MIDIFile

/// What a running performance tells its watchers (the control room's WebSocket, and whoever else subscribes to
/// ``EventHub``): the notes it sends ahead of the clock, the notes a player sends in, control changes, pieces,
/// recordings, cuts and warnings. Times are session seconds, on the performer's clock.
public enum PerformanceEvent: Sendable {
    /// Events handed to the sinks, each at the session time it will sound: up to the lookahead ahead of the
    /// clock, so a watcher can draw what is about to play.
    case sent([TimedEvent])
    /// Events played into yamg by a musician (MIDI input, when it comes); the same shape as ``sent(_:)``.
    case received([TimedEvent])
    /// Controls applied at a token boundary: each changed key with its old and new text, and who asked.
    case controls(source: String, changes: [ControlChange])
    /// Piece `number` (counting from 1 over the session) starts at `time`.
    case piece(number: Int, time: Double)
    /// A recording file starts at `start` (its time 0 in session time).
    case recording(path: String, start: Double)
    /// Everything sent for after `time` was withdrawn and every note ended then (panic, pause, next piece, a new
    /// model, the end of the session): `reason` says which.
    case cut(time: Double, reason: String)
    /// Playing stopped (`paused` true) or went on.
    case paused(Bool, time: Double)
    /// The model playing now (after a switch).
    case model(path: String, time: Double)
    /// Something a listener should know about: a late generator, a failed sink.
    case warning(String)
}

/// One control's change, as text (`"1"` → `"0.5"`).
public struct ControlChange: Sendable, Equatable {
    public var key: String
    public var old: String
    public var new: String

    public init(key: String, old: String, new: String) {
        (self.key, self.old, self.new) = (key, old, new)
    }
}
