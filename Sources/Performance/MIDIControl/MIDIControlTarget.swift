import Generation

/// What a MIDI controller's knob or button may drive: any live control of the table, or one of the player's actions.
///
/// Named as in the `[controls.midi]` section of the config and in `yamg perform --learn NAME`: a control by its key
/// (`temperature`, `speed`, `mode`, …), an action by the words of ``MIDIAction``.
public enum MIDIControlTarget: Hashable, Sendable, CustomStringConvertible {
    case control(ControlKey)
    case action(MIDIAction)

    /// The target named `name`, or nil.
    public init?(name: String) {
        if let key = ControlKey(rawValue: name) {
            self = .control(key)
        } else if let action = MIDIAction(rawValue: name) {
            self = .action(action)
        } else {
            return nil
        }
    }

    /// Every target, controls first (in table order), then the actions.
    public static var all: [MIDIControlTarget] { ControlKey.allCases.map { .control($0) } + MIDIAction.allCases.map { .action($0) } }

    public var name: String {
        switch self {
        case .control(let key): key.rawValue
        case .action(let action): action.rawValue
        }
    }

    public var description: String { name }
}

/// The player's actions a button may trigger. (`pause` is the control "seconds between pieces", so stopping the
/// music is `paused`.)
public enum MIDIAction: String, CaseIterable, Sendable {
    /// A switch: a value inside the range pauses, a value outside it plays on (a latching button or a pedal).
    case paused
    /// Each press pauses when playing and plays on when paused.
    case pauseToggle = "pause-toggle"
    /// Each press plays on after a pause.
    case resume
    /// Each press: every note off now; the music goes on.
    case panic
    /// Each press ends the piece and starts a new one.
    case next
}
