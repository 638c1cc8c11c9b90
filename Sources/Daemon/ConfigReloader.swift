import Generation
import Logging
import Performance

/// SIGUSR1: re-reads the config file with the same flags on top and hands its controls to the performer through
/// ``LiveControls`` (the performer logs what changed), and a changed `[controls.midi]` to the CC map. Keys that
/// are not live controls apply at the next start, and each one changed says so.
public struct ConfigReloader: Sendable {
    public let configFlag: String?
    public let flags: [FlagValue]
    /// The settings the session started with.
    public let started: PerformSettings
    public let environment: [String: String]

    public init(configFlag: String?, flags: [FlagValue], started: PerformSettings, environment: [String: String]) {
        self.configFlag = configFlag
        self.flags = flags
        self.started = started
        self.environment = environment
    }

    /// `midiControls`: the CC map's way in (``Session/midiControlReload``), nil when the session has no input.
    public func reload(into live: LiveControls, midiControls: MIDIControlMapHandoff? = nil, logger: Logger) {
        let configuration: PerformConfiguration
        do {
            configuration = try PerformConfiguration.resolve(configFlag: configFlag, flags: flags, environment: environment)
        } catch {
            logger.error("config not reloaded: \(error)")
            return
        }
        let settings = configuration.settings
        var waiting = SettingKey.allCases.filter { settings.tomlValue(of: .setting($0)) != started.tomlValue(of: .setting($0)) }
            .map { "'\($0)'" }
        if settings.midiControls != started.midiControls && midiControls == nil { waiting.append("[controls.midi]") }
        let from = configuration.configFile ?? "flags only"
        let now = midiControls == nil ? "live controls apply now" : "live controls and the CC map apply now"
        let later = waiting.isEmpty ? "" : "; " + waiting.joined(separator: ", ") + " changed, applies at the next start"
        logger.info("config reloaded (\(from)): \(now)\(later)")
        midiControls?.put(settings.midiControlMap)
        // Every value was checked when the file was read: the controls go in whole.
        try? live.change(from: "config reload") { $0 = settings.controls }
    }
}
