import Foundation

/// `yamg doctor`: checks this machine for everything yamg needs and says what to fix.
///
/// Each check is its own small type; this runs them in the order a user reads them (live outputs first, then what
/// feeds them) and keeps their results. The config is resolved first, because it decides which soundfont, model,
/// audio driver and recordings folder the other checks look at — the same ones `yamg perform` would use.
public enum Doctor {
    public struct Options: Sendable {
        /// `--config FILE`, as `perform` takes it.
        public var configFile: String?
        /// A model to check instead of the configured or default one.
        public var model: String?
        public var environment: [String: String]
        public var version: String

        public init(configFile: String? = nil, model: String? = nil,
                    environment: [String: String] = ProcessInfo.processInfo.environment, version: String) {
            self.configFile = configFile
            self.model = model
            self.environment = environment
            self.version = version
        }
    }

    /// Runs every check. Opens an ALSA client and audio drivers for a moment; writes nothing.
    public static func run(_ options: Options) -> DoctorReport {
        let (config, configuration) = ConfigCheck.run(configFlag: options.configFile, environment: options.environment)
        let settings = configuration.settings
        let model: (path: String, source: String)? = options.model.map { ($0, "--model") }
            ?? settings.model.map { ($0, configuration.configFile ?? "the config file") }
        return DoctorReport(version: options.version, checks: [
            SequencerCheck.run(),
            AudioCheck.run(configured: settings.audioDriver),
            SoundfontCheck.run(configured: settings.soundfont, environment: options.environment),
            BLASCheck.run(environment: options.environment, performThreads: settings.threads),
            ModelCheck.run(named: model),
            config,
            ConfigCheck.recordings(settings, environment: options.environment),
            SystemdCheck.run(environment: options.environment),
        ])
    }
}
