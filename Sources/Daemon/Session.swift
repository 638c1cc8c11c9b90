import Encoding
import Foundation
import Generation
import Logging
import Models
import NeuralNet
import Performance
import Render

/// One performance as the settings describe it: the model's token stream, the sinks, the recorder, the performer.
///
/// Building it does everything that can fail for a reason the user must fix (model, soundfont, audio driver,
/// ALSA sequencer, recording folder), each with its own one-line error, before a single note is played.
public final class Session {
    public let settings: PerformSettings
    public let performer: Performer
    public let sinks: [Sink]
    public let recorder: SessionRecorder?
    public let seed: UInt64
    /// Where control changes, stop and rotate requests reach the performer.
    public var live: LiveControls { performer.live }
    /// A short description of what plays where, for the start-up log.
    public private(set) var summary: [String]
    /// Where a config reload hands a changed `[controls.midi]` to the CC map (nil without an input).
    public private(set) var midiControlReload: MIDIControlMapHandoff?

    /// `soundfontOrigin` says where `settings.soundfont` came from, so that a wrong path names its source;
    /// `sendProgram` (the user chose `program`) sends it to every sink at the start, not only to FluidSynth.
    /// `meters` receive the performer's counts and timings (the control room's metrics).
    public init(settings: PerformSettings, soundfontOrigin: SettingOrigin = .flag("--soundfont"), sendProgram: Bool = false,
                clock: SessionClock = MonotonicClock(), meters: any PerformerMeters = NoMeters(), logger: Logger,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.settings = settings
        guard let modelPath = settings.model.map({ NSString(string: $0).expandingTildeInPath }) else { throw SessionError.noModel }
        Parallel.generate(on: settings.threads)
        let (file, network) = try ModelFile.load(modelPath)
        seed = settings.seed ?? UInt64.random(in: 1...999_999)
        let stream = try TokenStream(model: network, file: file, controls: settings.controls, seed: seed,
                                     options: Self.streamOptions(settings))

        var summary = ["model \(modelPath) (\(Self.about(file, network))), seed \(seed)"]
        var sinks: [Sink] = []
        var input: InputQueue?
        var inputClient: ALSASink?
        if settings.alsa || !settings.listen.isEmpty {
            // The yamg client: port out (with --alsa) and port in for a player (always).
            let alsa = try ALSASink(connect: settings.alsa ? settings.connect : [])
            let queue = InputQueue()
            let sessionClock = ClockReader(clock: clock)
            try alsa.enableInput(listen: settings.listen, queue: queue) { sessionClock.clock.now() }
            input = queue
            if settings.alsa {
                sinks.append(alsa)
                summary.append("\(alsa.name)" + (alsa.connected.isEmpty ? ", not connected (aconnect or --connect)" : ", connected to \(alsa.connected.joined(separator: ", "))"))
            } else {
                inputClient = alsa
            }
            summary.append("input: port \(alsa.client):in (yamg:in)"
                           + (settings.listen.isEmpty ? ", no keyboard listened to (--listen or aconnect)" : ", listening to \(settings.listen.joined(separator: ", "))")
                           + ", mode \(settings.controls.mode.rawValue)" + (settings.thru ? ", echoed to the outputs (--thru)" : ""))
        }
        if input == nil && settings.controls.mode != .solo {
            summary.append("mode \(settings.controls.mode.rawValue) but no input: add --listen KEYBOARD (or --alsa and aconnect to yamg:in)")
        }
        if settings.fluidsynth {
            let fromFile: Bool = if case .file = soundfontOrigin { true } else { false }
            let soundfont = try Soundfont.locate(flag: fromFile ? nil : settings.soundfont,
                                                 configured: fromFile ? settings.soundfont : nil,
                                                 environment: environment, repoFolders: Soundfont.defaultRepoFolders)
            let driver = settings.audioDriver.rawValue
            let synth = try FluidSynthSink(soundfont: soundfont, driver: driver,
                                           audioFile: driver == "file" ? settings.audioFile : nil,
                                           gain: settings.gain, program: settings.program)
            sinks.append(synth)
            summary.append("\(synth.name), soundfont \(soundfont)")
        }
        if settings.noRecord {
            recorder = nil
            summary.append("not recording (--no-record)")
        } else {
            guard let folder = settings.sessionsDirectory(environment: environment) else {
                throw SessionError.noRecordFolder
            }
            let recorder = try SessionRecorder(folder: folder, program: settings.program, now: clock.now())
            self.recorder = recorder
            summary.append("recording to \(recorder.path)")
        }
        if sinks.isEmpty {
            summary.append(recorder == nil ? "no live output and no recording: nothing will be heard or kept (add --alsa and/or --fluidsynth)"
                                           : "no live output: only recording (add --alsa and/or --fluidsynth)")
        }

        var performerOptions = Performer.Options()
        performerOptions.lookahead = settings.lookahead
        performerOptions.seconds = settings.seconds
        performerOptions.rotateEvery = settings.rotateMinutes > 0 ? settings.rotateMinutes * 60 : nil
        performerOptions.program = sendProgram ? settings.program : nil
        performerOptions.meters = meters
        performerOptions.model = modelPath
        performerOptions.modelInfo = Self.about(file, network)
        performerOptions.thru = settings.thru
        self.sinks = sinks
        self.summary = summary
        performer = Performer(stream: stream, sinks: sinks, recorder: recorder, clock: clock,
                              options: performerOptions, input: input, logger: logger)
        if let inputClient { performer.closeAtEnd.append { inputClient.close(waitingAtMost: 0) } }
        if input != nil {
            let router = MIDIControlRouter(map: settings.midiControlMap, live: performer.live, logger: logger)
            midiControlReload = router.reload
            self.summary += Self.attachMIDIControl(to: performer, router: router, settings: settings, logger: logger)
        }
    }
}

extension Session {
    /// The readers of the input besides the player's notes: the CC map (the config's `[controls.midi]`, else the
    /// standard map), Program Change → a model of `--models`, and with `sync = "midi-clock"` the clock follower.
    /// Returns what the start-up log says about them.
    static func attachMIDIControl(to performer: Performer, router: MIDIControlRouter, settings: PerformSettings,
                                  logger: Logger) -> [String] {
        let map = router.map
        performer.inputConsumers.append(router)
        var summary = ["MIDI control: " + (settings.midiControls == nil ? "the standard map, " : "[controls.midi], ")
                       + map.mappings.map { "CC \($0.cc.int)" + ($0.channel.map { "/ch \($0)" } ?? "") + " → \($0.target)" }.joined(separator: ", ")]
        if let catalog = ModelCatalog(folder: settings.models.map { NSString(string: $0).expandingTildeInPath }) {
            performer.inputConsumers.append(ProgramChangeSwitcher(catalog: catalog, load: streamLoader(settings), live: performer.live, logger: logger))
            summary.append("program change N: the Nth model of \(catalog.folder), at the next piece")
        }
        if settings.sync == .midiClock {
            performer.inputConsumers.append(ClockSync(referenceBPM: settings.referenceBPM, live: performer.live, logger: logger))
            summary.append("following the MIDI clock at the input (speed 1 at \(Bounds.short(settings.referenceBPM)) bpm)")
        }
        return summary
    }
}

extension Session {
    /// "lstm, performance encoding, 390 tokens".
    static func about(_ file: ModelFile, _ network: LanguageModel) -> String {
        "\(network.hyper.arch.rawValue), \(file.encoding.kind.rawValue) encoding, \(file.vocabulary.count) tokens"
    }

    static func streamOptions(_ settings: PerformSettings) -> TokenStream.Options {
        var options = TokenStream.Options()
        options.limits = Decoder.Limits(maxPolyphony: settings.maxPolyphony, maxNoteLength: settings.maxNoteLength)
        return options
    }

    /// Loads another model into a stream ready for ``LiveControls/play(_:)``, with this session's limits and a
    /// fresh seed (the control room's model picker; it runs off the performer's thread).
    public static func streamLoader(_ settings: PerformSettings) -> @Sendable (String) throws -> StreamHandoff {
        { path in
            let (file, network) = try ModelFile.load(path)
            let stream = try TokenStream(model: network, file: file, controls: settings.controls,
                                         seed: UInt64.random(in: 1...999_999), options: streamOptions(settings))
            return StreamHandoff(stream, model: path, info: about(file, network))
        }
    }
}

/// The session clock, read from the ALSA input's thread (a monotonic clock only reads an immutable origin).
private struct ClockReader: @unchecked Sendable {
    let clock: SessionClock
}

/// Why a session could not start, beyond the errors of its parts.
public enum SessionError: Error, CustomStringConvertible {
    case noModel
    case noRecordFolder

    public var description: String {
        switch self {
        case .noModel: "no model: give MODEL (a .safetensors file from yamg train) or set model = \"…\" in the config"
        case .noRecordFolder: "no folder for recordings: set --record DIR (or HOME / XDG_STATE_HOME), or pass --no-record"
        }
    }
}
