import Analysis

/// Everything that may change while music plays, named as its flag (`--top-p`), config key (`top-p = 0.9`),
/// and (in later surfaces) MIDI CC target and HTTP field.
///
/// This is the one table of the live controls: each key's kind, range or choices, unit, help and default are in
/// ``spec``. Adding a control = a case here, its row in ``spec``, its flag in the CLI's `ControlOptions` (ArgumentParser
/// declares options statically; a test fails when one is missing), and the code that uses it.
public enum ControlKey: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case speed
    case temperature
    case topK = "top-k"
    case topP = "top-p"
    case pause
    case key
    case keyStrength = "key-strength"
    case register
    case density
    case polyphony
    case dynamics
    case tempo
    case mode
    case respondAfter = "respond-after"
    case respondLength = "respond-length"
    case respondPedal = "respond-pedal"
    case accompanyRegister = "accompany-register"

    public var description: String { rawValue }

    public var spec: ControlSpec {
        switch self {
        case .speed:
            .number(.closed(0.1, 10), default: 1, unit: "factor", help: "Tempo factor (2 plays twice as fast).")
        case .temperature:
            .number(.aboveUpTo(0, 5), default: 1, unit: "t", help: "Sampling temperature: lower is safer, higher is wilder.")
        case .topK:
            .integer(.atLeast(0), default: 0, unit: "k", help: "Sample only among the k most likely tokens; 0 = all.")
        case .topP:
            .number(.aboveUpTo(0, 1), default: 1, unit: "p",
                    help: "Sample only among the most likely tokens that together hold this probability.")
        case .pause:
            .number(.closed(0, 3600), default: 2, unit: "seconds", help: "Seconds of silence between pieces.")
        case .key:
            ControlSpec(kind: .key, default: .key(.auto), unit: "key", choices: KeyChoice.names,
                        help: "Keep to a key: a name (C, F#, Bb, Am, Ebm), auto (the primer's, the player's or the first notes' key) or off.")
        case .keyStrength:
            ControlSpec(kind: .choice, default: .choice(KeyStrength.soft.rawValue), unit: "strength",
                        choices: KeyStrength.allCases.map(\.rawValue),
                        help: "soft: notes outside the key become less likely, so passing tones survive; hard: none are played.")
        case .register:
            ControlSpec(kind: .pitchRange, default: .pitchRange(.all), unit: "LOW-HIGH",
                        help: "Play no note outside this range of pitches: note names (C2-C6), MIDI numbers (36-84) or all.")
        case .density:
            .number(.closed(0, 50), default: 0, unit: "notes/s",
                    help: "Aim at this many notes struck per second (feedback on the recent rate); 0 = the model's own.")
        case .polyphony:
            .number(.closed(0, 16), default: 0, unit: "notes",
                    help: "Aim at this many notes sounding at once (beside --max-polyphony); 0 = the model's own.")
        case .dynamics:
            .integer(.closed(-64, 64), default: 0, unit: "velocity",
                     help: "Add this to every note's velocity (louder above 0, softer below; kept within 1-127).")
        case .tempo:
            ControlSpec(kind: .choice, default: .choice(TempoChoice.hold.rawValue), unit: "hold|free",
                        choices: TempoChoice.allCases.map(\.rawValue),
                        help: "hold: a piece keeps its opening's pace (its clock stretches up to 2x); free: the model's own timing.")
        case .mode:
            ControlSpec(kind: .choice, default: .choice(PlayMode.solo.rawValue), unit: "mode",
                        choices: PlayMode.allCases.map(\.rawValue),
                        help: "With a player (--listen): solo ignores, respond answers, accompany plays along.")
        case .respondAfter:
            .number(.closed(0.05, 30), default: 1, unit: "seconds",
                    help: "respond: answer once the player has struck no key this long and holds none.")
        case .respondLength:
            .number(.closed(0.5, 600), default: 8, unit: "seconds",
                    help: "respond: answer for this long (or until the player plays again).")
        case .respondPedal:
            ControlSpec(kind: .choice, default: .choice("on"), unit: "on|off", choices: ["on", "off"],
                        help: "respond: lifting the sustain pedal (CC 64) also ends the player's phrase.")
        case .accompanyRegister:
            ControlSpec(kind: .pitchRange, default: .pitchRange(.all), unit: "LOW-HIGH",
                        help: "accompany: keep yamg's notes in this range, below or above the player's (C1-B3 or 24-59).")
        }
    }
}

/// How yamg plays with a musician (`mode`).
public enum PlayMode: String, Sendable, CaseIterable {
    /// Alone, whatever comes in (the input is recorded, shown and echoed, not answered).
    case solo
    /// Silent while the player plays; answers each phrase by continuing it.
    case respond
    /// Plays on with the player's notes in the model's context.
    case accompany
}

/// Whose pace a piece keeps (`tempo`).
public enum TempoChoice: String, Sendable, CaseIterable {
    /// The pace its opening set (``TempoHold``).
    case hold
    /// The model's own: the tokens' timing as sampled.
    case free
}

/// How strictly `key` keeps to its scale.
public enum KeyStrength: String, Sendable, CaseIterable {
    /// Out-of-scale notes lose a fixed amount of log-probability (``Steering/softKeyPenalty``).
    case soft
    /// Out-of-scale notes are never played.
    case hard
}

extension KeyChoice {
    /// What `key` accepts, for help and pickers: off, auto and the 24 keys.
    public static let names = ["off", "auto"] + MusicalKey.all.map(\.name)
}
