import ArgumentParser
import Foundation
import Logging
import Performance

/// `yamg perform MODEL`: the daemon. Plays new music endlessly to an ALSA port and/or FluidSynth, recording it.
///
/// Every flag is also a config-file key of the same name; flags win over the file. Values stay strings here so
/// that a flag and a key go through the same checks (and the same one-line errors) in `PerformConfiguration`.
struct PerformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perform",
        abstract: "Play new music endlessly from a model: live to ALSA and/or FluidSynth, every session recorded.",
        discussion: """
            Runs until --seconds have passed or it is stopped. SIGINT/SIGTERM end every sounding note on every output,
            send all-notes-off and finalize the recording. SIGHUP starts a new recording file; SIGUSR1 re-reads the
            config file and applies speed, temperature, top-k and top-p live.
            Config: --config FILE, else $XDG_CONFIG_HOME/yamg/yamg.toml, else /etc/yamg/yamg.toml (one key per flag).
            """)

    @Argument(help: ArgumentHelp(PerformKey.model.help)) var model: String?
    @Flag(help: ArgumentHelp(PerformKey.alsa.help)) var alsa = false
    @Option(help: ArgumentHelp(PerformKey.connect.help, valueName: "client:port")) var connect: [String] = []
    @Flag(help: ArgumentHelp(PerformKey.fluidsynth.help)) var fluidsynth = false
    @Option(help: ArgumentHelp(PerformKey.audioDriver.help, valueName: "driver")) var audioDriver: String?
    @Option(help: ArgumentHelp(PerformKey.audioFile.help, valueName: "file")) var audioFile: String?
    @Option(help: ArgumentHelp(PerformKey.soundfont.help, valueName: "file")) var soundfont: String?
    @Option(help: ArgumentHelp(PerformKey.program.help, valueName: "0-127")) var program: String?
    @Option(help: ArgumentHelp(PerformKey.gain.help, valueName: "0-10")) var gain: String?
    @Option(help: ArgumentHelp(PerformKey.record.help, valueName: "dir")) var record: String?
    @Flag(help: ArgumentHelp(PerformKey.noRecord.help)) var noRecord = false
    @Option(help: ArgumentHelp(PerformKey.rotateMinutes.help, valueName: "minutes")) var rotateMinutes: String?
    @Option(help: ArgumentHelp(PerformKey.seconds.help, valueName: "seconds")) var seconds: String?
    @Option(help: ArgumentHelp(PerformKey.lookahead.help, valueName: "seconds")) var lookahead: String?
    @Option(help: ArgumentHelp(PerformKey.speed.help, valueName: "factor")) var speed: String?
    @Option(help: ArgumentHelp(PerformKey.temperature.help, valueName: "t")) var temperature: String?
    @Option(help: ArgumentHelp(PerformKey.topK.help, valueName: "k")) var topK: String?
    @Option(help: ArgumentHelp(PerformKey.topP.help, valueName: "p")) var topP: String?
    @Option(help: ArgumentHelp(PerformKey.seed.help, valueName: "n")) var seed: String?
    @Option(help: ArgumentHelp(PerformKey.maxPolyphony.help, valueName: "voices")) var maxPolyphony: String?
    @Option(help: ArgumentHelp(PerformKey.maxNoteLength.help, valueName: "seconds")) var maxNoteLength: String?
    @Option(help: ArgumentHelp(PerformKey.pause.help, valueName: "seconds")) var pause: String?
    @Option(help: ArgumentHelp(PerformKey.logLevel.help, valueName: "level")) var logLevel: String?
    @Option(help: ArgumentHelp(PerformKey.threads.help, valueName: "n")) var threads: String?
    @Option(help: "The config file (TOML) to read instead of the usual places.") var config: String?
    @Flag(help: "Print the effective configuration as TOML (defaults, file, flags) and exit.") var printConfig = false

    /// The flags the user gave, as key/text pairs in a fixed order.
    var flagValues: [FlagValue] {
        var values: [FlagValue] = []
        func add(_ key: PerformKey, _ value: String?) { if let value { values.append(FlagValue(key, value)) } }
        add(.model, model)
        if alsa { add(.alsa, "true") }
        for destination in connect { add(.connect, destination) }
        if fluidsynth { add(.fluidsynth, "true") }
        add(.audioDriver, audioDriver); add(.audioFile, audioFile); add(.soundfont, soundfont)
        add(.program, program); add(.gain, gain); add(.record, record)
        if noRecord { add(.noRecord, "true") }
        add(.rotateMinutes, rotateMinutes); add(.seconds, seconds); add(.lookahead, lookahead); add(.speed, speed)
        add(.temperature, temperature); add(.topK, topK); add(.topP, topP); add(.seed, seed)
        add(.maxPolyphony, maxPolyphony); add(.maxNoteLength, maxNoteLength); add(.pause, pause)
        add(.logLevel, logLevel); add(.threads, threads)
        return values
    }

    func run() throws {
        let configuration = try orExit { () throws(ConfigError) in
            try PerformConfiguration.resolve(configFlag: config, flags: flagValues)
        }
        if printConfig {
            print(configuration.renderTOML(), terminator: "")
            return
        }
        _ = try orExit { () throws(ConfigError) in try configuration.requireModel() }
        let settings = configuration.settings
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "yamg")
        logger.logLevel = settings.logLevel

        let controls = LiveControls()
        let flags = flagValues, configFlag = config
        let router = SignalRouter(controls: controls) { [logger] in
            Self.reload(configFlag: configFlag, flags: flags, controls: controls, logger: logger)
        }
        let session = try orExit { try Session(settings: settings, soundfontOrigin: configuration.origin(of: .soundfont),
                                        sendProgram: configuration.origin(of: .program) != .default, controls: controls, logger: logger) }
        logger.info("yamg \(Yamg.version) performing (pid \(getpid()); SIGHUP: new recording, SIGUSR1: reload the config)")
        for line in session.summary { logger.info("\(line)") }
        let notifier = SystemdNotifier()
        do { try notifier.ready(status: "playing") } catch { logger.warning("\(error)") }
        if let ping = notifier.watchdogPingInterval {
            let interval = Double(ping.components.seconds) + Double(ping.components.attoseconds) * 1e-18
            var next = 0.0
            session.performer.onTick = { now in
                guard now >= next else { return }
                next = now + interval
                do { try notifier.watchdog() } catch { logger.warning("\(error)") }
            }
        }
        let report = try orExit { try session.performer.run() }
        try? notifier.stopping()
        withExtendedLifetime(router) {}
        logger.info("""
            session ended after \(String(format: "%.1f", report.seconds)) s: \(report.events) events, \
            \(report.lateEvents) late, \(report.pieces) piece(s), \(report.tokens) tokens\
            \(report.recordings.isEmpty ? "" : "; recorded to " + report.recordings.joined(separator: ", "))
            """)
        if !report.failedSinks.isEmpty { throw ExitCode(1) }
    }

    /// SIGUSR1: re-reads the config (with the same flags on top) and applies what can change while playing.
    static func reload(configFlag: String?, flags: [FlagValue], controls: LiveControls, logger: Logger) {
        do {
            let settings = try PerformConfiguration.resolve(configFlag: configFlag, flags: flags).settings
            controls.setSpeed(settings.speed)
            controls.setSampling(.init(temperature: Float(settings.temperature), topK: settings.topK, topP: Float(settings.topP)))
            logger.info("""
                config reloaded: speed \(settings.speed), temperature \(settings.temperature), top-k \(settings.topK), \
                top-p \(settings.topP) apply now; other keys apply at the next start
                """)
        } catch {
            logger.error("config not reloaded: \(error)")
        }
    }

    /// Runs `body`; an error becomes its one-line message on stderr and exit status 1.
    func orExit<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            printError("yamg perform: \(error)")
            throw ExitCode(1)
        }
    }
}
