import Generation

/// The settings of `yamg perform` that hold for a whole run (outputs, files, limits), named exactly like the long
/// flag (`max-polyphony` is `--max-polyphony`) and the config key. `model` is the command's positional argument
/// (`MODEL`) and may also come from a file. What may change while playing is a ``ControlKey`` instead.
///
/// This file is the table of these keys: the command builds its flag help from ``help``, the example config and
/// `--print-config` are written from it too.
public enum SettingKey: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case model
    case alsa
    case connect
    case listen
    case thru
    case fluidsynth
    case audioDriver = "audio-driver"
    case audioFile = "audio-file"
    case soundfont
    case program
    case gain
    case record
    case noRecord = "no-record"
    case rotateMinutes = "rotate-minutes"
    case seconds
    case lookahead
    case seed
    case maxPolyphony = "max-polyphony"
    case maxNoteLength = "max-note-length"
    case logLevel = "log-level"
    case threads
    case http
    case httpToken = "http-token"
    case httpHosts = "http-hosts"
    case models
    case sync
    case referenceBPM = "reference-bpm"

    /// The key as written in a config file (`top-p`).
    public var description: String { rawValue }

    /// What a flag of a key looks like to ArgumentParser.
    public enum FlagKind: Sendable {
        /// The positional argument (`model`).
        case positional
        /// A flag without a value that sets the key to `true` (`--alsa`).
        case presence
        /// An option with one value (`--gain 0.8`).
        case option
        /// An option that may be repeated, each time adding one element (`--connect A --connect B`).
        case repeatable
    }

    public var flagKind: FlagKind {
        switch self {
        case .model: .positional
        case .alsa, .fluidsynth, .noRecord, .thru: .presence
        case .connect, .listen, .httpHosts: .repeatable
        default: .option
        }
    }

    /// The value's name in help (`--gain <gain>` reads better as `--gain <0-10>`); nil for presence flags.
    public var valueName: String? {
        switch self {
        case .model: "model"
        case .alsa, .fluidsynth, .noRecord, .thru: nil
        case .connect, .listen: "client:port"
        case .audioDriver: "driver"
        case .audioFile, .soundfont: "file"
        case .record: "dir"
        case .program: "0-127"
        case .gain: "0-10"
        case .rotateMinutes: "minutes"
        case .seconds, .lookahead, .maxNoteLength: "seconds"
        case .seed: "n"
        case .maxPolyphony: "voices"
        case .logLevel: "level"
        case .threads: "n"
        case .http: "host:port"
        case .httpToken: "token"
        case .httpHosts: "name"
        case .models: "dir"
        case .sync: "source"
        case .referenceBPM: "bpm"
        }
    }

    /// One line of help per key, without its default (``PerformSettings/defaultText(of:)`` gives that).
    public var help: String {
        switch self {
        case .model: "The model file (.safetensors from yamg train) to play."
        case .alsa: "Play to an ALSA sequencer port named yamg (for a DAW or a hardware synth)."
        case .connect: "Connect the ALSA port to this client:port or client name; repeat for several."
        case .listen: "Subscribe this keyboard (client:port or name) to the ALSA port yamg:in; repeat for several."
        case .thru: "Echo the player's notes (port in) to the outputs, so one synth sounds both."
        case .fluidsynth: "Play through FluidSynth to the sound card or a file (see --audio-driver)."
        case .audioDriver: "FluidSynth's audio driver: pulseaudio (also PipeWire's), pipewire, alsa, jack or file."
        case .audioFile: "The WAV file the file audio driver writes, in real time."
        case .soundfont: "The soundfont (.sf2/.sf3) for FluidSynth; unset: $YAMG_SOUNDFONT, soundfonts/, Debian's GM font."
        case .program: "General MIDI program (instrument) 0-127 of the part."
        case .gain: "FluidSynth's master gain, 0-10 (above 1 may clip)."
        case .record: "Folder for session recordings (.mid); unset: ~/.local/state/yamg/sessions, or the service's state folder."
        case .noRecord: "Record nothing."
        case .rotateMinutes: "Start a new recording file every this many minutes; 0 = one file per session."
        case .seconds: "Stop after this many seconds; unset = play until stopped."
        case .lookahead: "Seconds of music generated and scheduled ahead of the clock, 0.05-10."
        case .seed: "Random seed of the first session (a session can be replayed); unset = a fresh random seed per session."
        case .maxPolyphony: "At most this many notes sound at once (a new note releases the oldest)."
        case .maxNoteLength: "No note sounds longer than this many seconds."
        case .logLevel: "Log level: trace, debug, info, notice, warning, error or critical."
        case .threads: "Threads for the model's matrix-vector products."
        case .http: "Serve the control room (web page, JSON API, /metrics) on this host:port, e.g. 127.0.0.1:8340; unset = off."
        case .httpToken: "The control room's token (32+ characters); unset = a random one per start. Required off loopback."
        case .httpHosts: "Another name the control room answers to (its Host header), besides localhost and its address."
        case .models: "A folder of models to switch to while playing (the control room's page; Program Change N plays the Nth)."
        case .sync: "none, or midi-clock: follow the MIDI clock at the input port (Start/Continue/Stop, and its tempo sets speed)."
        case .referenceBPM: "With --sync midi-clock: the clock tempo that plays at speed 1 (the speed is tempo ÷ this)."
        }
    }

    /// Keys whose value is a path: a relative path in a config file is taken relative to that file's folder.
    var isPath: Bool { [.model, .audioFile, .soundfont, .record, .models].contains(self) }

    /// The bounds of a numeric setting: the same check and message as a live control's (``Bounds``).
    var bounds: Bounds? {
        switch self {
        case .program: .program
        case .gain: .closed(0, 10)
        case .rotateMinutes: .atLeast(0)
        case .seconds, .maxNoteLength: .positiveSeconds
        case .lookahead: .closed(0.05, 10)
        case .referenceBPM: .closed(10, 1000)
        case .maxPolyphony, .threads: .atLeastOne
        default: nil
        }
    }
}

/// A key of `yamg perform`'s settings: a ``SettingKey`` that holds for the run, or a live ``ControlKey``.
/// Flags, config files and `--print-config` treat both alike; only controls change while playing.
public enum PerformKey: Sendable, Hashable, CustomStringConvertible {
    case setting(SettingKey)
    case control(ControlKey)

    /// Every key, in the order of `--print-config` and the example config: the run's settings, then the controls.
    public static let allCases: [PerformKey] = SettingKey.allCases.map { .setting($0) } + ControlKey.allCases.map { .control($0) }

    /// The key named `name` as in a config file (`top-p`).
    public init?(rawValue name: String) {
        if let key = SettingKey(rawValue: name) { self = .setting(key) } else if let key = ControlKey(rawValue: name) {
            self = .control(key)
        } else {
            return nil
        }
    }

    /// The key as written in a config file (`top-p`).
    public var rawValue: String {
        switch self {
        case .setting(let key): key.rawValue
        case .control(let key): key.rawValue
        }
    }

    public var description: String { rawValue }

    /// How the key is written on the command line: `MODEL` for the positional model, `--top-p` for the others.
    public var flagSpelling: String { self == .setting(.model) ? "MODEL" : "--\(rawValue)" }

    public var flagKind: SettingKey.FlagKind {
        if case .setting(let key) = self { key.flagKind } else { .option }
    }

    /// One line of help (a control's with its range).
    public var help: String {
        switch self {
        case .setting(let key): key.help
        case .control(let key): key.spec.helpLine
        }
    }

    /// The value's name in flag help (`--speed <factor>`); nil for presence flags.
    public var valueName: String? {
        switch self {
        case .setting(let key): key.valueName
        case .control(let key): key.spec.unit
        }
    }

    var isPath: Bool { if case .setting(let key) = self { key.isPath } else { false } }
}
