import ArgumentParser
import Daemon
import Foundation
import Generation
import Logging
import Performance

/// `yamg perform MODEL`: the daemon. Plays new music endlessly to an ALSA port and/or FluidSynth, recording it.
///
/// Every flag is also a config-file key of the same name; flags win over the file. Values stay strings here so
/// that a flag and a key go through the same checks (and the same one-line errors) in `PerformConfiguration`.
struct PerformCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perform",
        abstract: "Play new music endlessly from a model: live to ALSA and/or FluidSynth, every session recorded.",
        discussion: """
            Runs until --seconds have passed or it is stopped. SIGINT/SIGTERM end every sounding note on every output,
            send all-notes-off and finalize the recording. SIGHUP starts a new recording file; SIGUSR1 re-reads the
            config file and applies its live controls at once. --http 127.0.0.1:8340 serves the control room (a web
            page with a live piano roll and every control, a JSON API, /metrics); `yamg ctl` talks to it.
            Config: --config FILE, else $XDG_CONFIG_HOME/yamg/yamg.toml, else /etc/yamg/yamg.toml (one key per flag).
            """)

    @Argument(help: ArgumentHelp(SettingKey.model.help)) var model: String?
    @Flag(help: ArgumentHelp(SettingKey.alsa.help)) var alsa = false
    @Option(help: ArgumentHelp(SettingKey.connect.help, valueName: "client:port")) var connect: [String] = []
    @Option(help: ArgumentHelp(SettingKey.listen.help, valueName: "client:port")) var listen: [String] = []
    @Flag(help: ArgumentHelp(SettingKey.thru.help)) var thru = false
    @Flag(help: ArgumentHelp(SettingKey.fluidsynth.help)) var fluidsynth = false
    @Option(help: ArgumentHelp(SettingKey.audioDriver.help, valueName: "driver")) var audioDriver: String?
    @Option(help: ArgumentHelp(SettingKey.audioFile.help, valueName: "file")) var audioFile: String?
    @Option(help: ArgumentHelp(SettingKey.soundfont.help, valueName: "file")) var soundfont: String?
    @Option(help: ArgumentHelp(SettingKey.program.help, valueName: "0-127")) var program: String?
    @Option(help: ArgumentHelp(SettingKey.gain.help, valueName: "0-10")) var gain: String?
    @Option(help: ArgumentHelp(SettingKey.record.help, valueName: "dir")) var record: String?
    @Flag(help: ArgumentHelp(SettingKey.noRecord.help)) var noRecord = false
    @Option(help: ArgumentHelp(SettingKey.rotateMinutes.help, valueName: "minutes")) var rotateMinutes: String?
    @Option(help: ArgumentHelp(SettingKey.seconds.help, valueName: "seconds")) var seconds: String?
    @Option(help: ArgumentHelp(SettingKey.lookahead.help, valueName: "seconds")) var lookahead: String?
    @Option(help: ArgumentHelp(SettingKey.seed.help, valueName: "n")) var seed: String?
    @Option(help: ArgumentHelp(SettingKey.maxPolyphony.help, valueName: "voices")) var maxPolyphony: String?
    @Option(help: ArgumentHelp(SettingKey.maxNoteLength.help, valueName: "seconds")) var maxNoteLength: String?
    @OptionGroup(title: "Live controls") var controls: ControlOptions
    @Option(help: ArgumentHelp(SettingKey.logLevel.help, valueName: "level")) var logLevel: String?
    @Option(help: ArgumentHelp(SettingKey.threads.help, valueName: "n")) var threads: String?
    @Option(help: ArgumentHelp(SettingKey.http.help, valueName: "host:port")) var http: String?
    @Option(help: ArgumentHelp(SettingKey.httpToken.help, valueName: "token")) var httpToken: String?
    @Option(help: ArgumentHelp(SettingKey.httpHosts.help, valueName: "name")) var httpHosts: [String] = []
    @Option(help: ArgumentHelp(SettingKey.models.help, valueName: "dir")) var models: String?
    @Option(help: ArgumentHelp(SettingKey.sync.help, valueName: "source")) var sync: String?
    @Option(help: ArgumentHelp(SettingKey.referenceBPM.help, valueName: "bpm")) var referenceBpm: String?
    @Option(help: ArgumentHelp("MIDI learn: wait for a knob moved at the input port (yamg:in), write its CC as NAME's line of [controls.midi] in the config file, and exit. NAME: a live control, or paused, pause-toggle, resume, panic, next.", valueName: "name")) var learn: String?
    @Option(help: "The config file (TOML) to read instead of the usual places.") var config: String?
    @Flag(help: "Print the effective configuration as TOML (defaults, file, flags) and exit.") var printConfig = false

    /// The flags the user gave, as key/text pairs in a fixed order.
    var flagValues: [FlagValue] {
        var values: [FlagValue] = []
        func add(_ key: SettingKey, _ value: String?) { if let value { values.append(FlagValue(.setting(key), value)) } }
        add(.model, model)
        if alsa { add(.alsa, "true") }
        for destination in connect { add(.connect, destination) }
        for source in listen { add(.listen, source) }
        if thru { add(.thru, "true") }
        if fluidsynth { add(.fluidsynth, "true") }
        add(.audioDriver, audioDriver); add(.audioFile, audioFile); add(.soundfont, soundfont)
        add(.program, program); add(.gain, gain); add(.record, record)
        if noRecord { add(.noRecord, "true") }
        add(.rotateMinutes, rotateMinutes); add(.seconds, seconds); add(.lookahead, lookahead); add(.seed, seed)
        add(.maxPolyphony, maxPolyphony); add(.maxNoteLength, maxNoteLength)
        add(.logLevel, logLevel); add(.threads, threads)
        add(.http, http); add(.httpToken, httpToken)
        for host in httpHosts { add(.httpHosts, host) }
        add(.models, models); add(.sync, sync); add(.referenceBPM, referenceBpm)
        values += controls.given.map { FlagValue(.control($0.key), $0.text) }
        return values
    }

    func run() async throws {
        let configuration = try await orExit { () throws(ConfigError) in
            try PerformConfiguration.resolve(configFlag: config, flags: flagValues)
        }
        if printConfig {
            print(configuration.renderTOML(), terminator: "")
            return
        }
        if let learn { return try await learnKnob(learn, configuration: configuration) }
        _ = try await orExit { () throws(ConfigError) in try configuration.requireModel() }
        let settings = configuration.settings
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "yamg")
        logger.logLevel = settings.logLevel
        let reloader = ConfigReloader(configFlag: config, flags: flagValues, started: settings,
                                      environment: ProcessInfo.processInfo.environment)
        let daemon = try await orExit {
            try PerformDaemon(settings: settings, reloader: reloader, soundfontOrigin: configuration.origin(of: .setting(.soundfont)),
                              sendProgram: configuration.origin(of: .setting(.program)) != .default, logger: logger)
        }
        logger.info("yamg \(Yamg.version) performing (pid \(getpid()); SIGHUP: new recording, SIGUSR1: reload the config)")
        for line in daemon.session.summary { logger.info("\(line)") }
        let report = try await orExit { try await daemon.run() }
        logger.info("""
            session ended after \(String(format: "%.1f", report.seconds)) s: \(report.events) events, \
            \(report.lateEvents) late, \(report.pieces) piece(s), \(report.tokens) tokens\
            \(daemon.session.performer.input == nil ? "" : "; input: \(report.inputEvents) events taken, \(report.inputDropped) dropped, \(report.playerTokens) player tokens in the model's context, \(report.withdrawn) notes taken back")\
            \(report.recordings.isEmpty ? "" : "; recorded to " + report.recordings.joined(separator: ", "))
            """)
        if !report.failedSinks.isEmpty { throw ExitCode(1) }
    }

    /// `--learn NAME`: the first CC at the input port becomes NAME's line of `[controls.midi]`; `--seconds` limits the wait.
    func learnKnob(_ name: String, configuration: PerformConfiguration) async throws {
        guard let target = MIDIControlTarget(name: name) else {
            printError("yamg perform: --learn: '\(name)' is not a control or an action; the targets are "
                       + MIDIControlTarget.all.map(\.name).joined(separator: ", "))
            throw ExitCode(1)
        }
        guard let path = MIDILearnSession.configPath(configFlag: config, found: configuration.configFile) else {
            printError("yamg perform: --learn: no config file to write: pass --config FILE")
            throw ExitCode(1)
        }
        let settings = configuration.settings
        let written = try await orExit {
            try MIDILearnSession.run(target, configPath: path, listen: settings.listen, timeout: settings.seconds) { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
        }
        guard let written else {
            printError("yamg perform: --learn: no CC arrived in \(Bounds.short(settings.seconds ?? 0)) s; nothing written")
            throw ExitCode(1)
        }
        print(written.description)
    }

    /// Runs `body`; an error becomes its one-line message on stderr and exit status 1.
    func orExit<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch {
            printError("yamg perform: \(error)")
            throw ExitCode(1)
        }
    }
}
