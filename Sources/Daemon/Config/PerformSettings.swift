import Encoding
import Generation
import Logging
import MIDIFile
import Performance

/// Every setting of `yamg perform`, with its default. One stored property per ``SettingKey``, and the live
/// ``Controls``.
///
/// Values arrive through ``PerformConfiguration`` (defaults, then a config file, then flags), which validates them;
/// a `PerformSettings` built by hand is not checked.
public struct PerformSettings: Sendable, Equatable {
    /// The model file; required in the end (``PerformConfiguration/requireModel()``), from `MODEL` or a file.
    public var model: String?
    public var alsa = false
    /// ALSA destinations: `client:port` (`128:0`, `FLUID Synth:0`) or a client name.
    public var connect: [String] = []
    /// Keyboards subscribed to port `in`: `client:port` or a client name, as for `connect`.
    public var listen: [String] = []
    /// Echo the player's notes to the outputs.
    public var thru = false
    public var fluidsynth = false
    /// `pulseaudio` by default: an interactive run happens on a desktop, where PulseAudio or PipeWire (through
    /// pipewire-pulse) owns the sound card; the system service's config sets `alsa`.
    public var audioDriver = AudioDriver.pulseaudio
    public var audioFile = "yamg.wav"
    /// Nil: ``Soundfont/locate(flag:configured:environment:repoFolders:systemPaths:)`` searches.
    public var soundfont: String?
    public var program: U7 = 0
    public var gain = 0.5
    /// Nil: ``sessionsDirectory(environment:)`` picks the state folder.
    public var record: String?
    public var noRecord = false
    /// 0: never rotate (one recording per session).
    public var rotateMinutes = 60.0
    /// Nil: play until stopped.
    public var seconds: Double?
    public var lookahead = 1.0
    /// Nil: a fresh random seed per session, so a daemon restarted every day does not replay yesterday's music; the
    /// performer logs the seed it drew and keeps it with the recording, so any session can be replayed with `--seed`.
    public var seed: UInt64?
    public var maxPolyphony = 24
    public var maxNoteLength = Decoder.Limits().maxNoteLength
    /// What may change while playing (speed, sampling, pause): applied live on a reload.
    public var controls = Controls()
    public var logLevel = Logger.Level.info
    public var threads = 1
    /// The control room's address (`127.0.0.1:8340`); nil: no control room.
    public var http: String?
    /// The control room's token; nil: a random one per start.
    public var httpToken: String?
    /// More names the control room answers to.
    public var httpHosts: [String] = []
    /// The folder of models the page and Program Change may switch to.
    public var models: String?
    /// Whose tempo and transport to follow.
    public var sync = TempoSync.none
    /// With `sync = "midi-clock"`: the clock tempo that plays at speed 1.
    public var referenceBPM = 120.0
    /// The `[controls.midi]` section; nil: the section is absent and ``MIDIControlMap/standard`` applies.
    public var midiControls: MIDIControlMap?

    /// The knobs of a MIDI controller: the config's `[controls.midi]`, else the standard map.
    public var midiControlMap: MIDIControlMap { midiControls ?? .standard }

    /// All defaults.
    public init() {}
}
