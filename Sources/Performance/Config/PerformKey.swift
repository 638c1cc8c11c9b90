/// Every setting of `yamg perform`, named exactly like its long flag (`top-p` is `--top-p`) and like its key in a
/// config file (`top-p = 0.95`). `model` is the command's positional argument (`MODEL`) and may also come from a file.
///
/// This file is the one table of what each key means: the command builds its flag help from ``help``, the example
/// config and `--print-config` are written from it too.
public enum PerformKey: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case model
    case alsa
    case connect
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
    case speed
    case temperature
    case topK = "top-k"
    case topP = "top-p"
    case seed
    case maxPolyphony = "max-polyphony"
    case maxNoteLength = "max-note-length"
    case pause
    case logLevel = "log-level"
    case threads

    /// The key as written in a config file (`top-p`).
    public var description: String { rawValue }

    /// How the key is written on the command line: `MODEL` for the positional model, `--top-p` for the others.
    public var flagSpelling: String { self == .model ? "MODEL" : "--\(rawValue)" }

    /// What a flag of this key looks like to ArgumentParser.
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
        case .alsa, .fluidsynth, .noRecord: .presence
        case .connect: .repeatable
        default: .option
        }
    }

    /// The value's name in help (`--gain <gain>` reads better as `--gain <0-10>`); nil for presence flags.
    public var valueName: String? {
        switch self {
        case .model: "model"
        case .alsa, .fluidsynth, .noRecord: nil
        case .connect: "client:port"
        case .audioDriver: "driver"
        case .audioFile, .soundfont: "file"
        case .record: "dir"
        case .program: "0-127"
        case .gain: "0-10"
        case .rotateMinutes: "minutes"
        case .seconds, .lookahead, .maxNoteLength, .pause: "seconds"
        case .speed: "factor"
        case .temperature: "t"
        case .topK: "k"
        case .topP: "p"
        case .seed: "n"
        case .maxPolyphony: "voices"
        case .logLevel: "level"
        case .threads: "n"
        }
    }

    /// One line of help per key, without its default (``PerformSettings/defaultText(of:)`` gives that).
    public var help: String {
        switch self {
        case .model: "The model file (.safetensors from yamg train) to play."
        case .alsa: "Play to an ALSA sequencer port named yamg (for a DAW or a hardware synth)."
        case .connect: "Connect the ALSA port to this client:port or client name; repeat for several."
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
        case .speed: "Tempo factor, 0.1-10 (2 plays twice as fast)."
        case .temperature: "Sampling temperature (> 0): lower is safer, higher is wilder."
        case .topK: "Sample only among the k most likely tokens; 0 = all."
        case .topP: "Sample only among the most likely tokens that together hold this probability, in (0, 1]."
        case .seed: "Random seed of the first session (a session can be replayed); unset = a fresh random seed per session."
        case .maxPolyphony: "At most this many notes sound at once (a new note releases the oldest)."
        case .maxNoteLength: "No note sounds longer than this many seconds."
        case .pause: "Seconds of silence between pieces."
        case .logLevel: "Log level: trace, debug, info, notice, warning, error or critical."
        case .threads: "Threads for the model's matrix-vector products."
        }
    }

    /// Keys whose value is a path: a relative path in a config file is taken relative to that file's folder.
    var isPath: Bool { [.model, .audioFile, .soundfont, .record].contains(self) }
}
