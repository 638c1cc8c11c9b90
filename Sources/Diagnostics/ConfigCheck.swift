import Daemon
import Foundation

/// `yamg doctor`'s config checks: the config file `perform` would read loads, and the recordings folder it would
/// write to is writable.
enum ConfigCheck {
    /// Resolves the configuration as `perform` does (without flags): the check's result, and the settings the other
    /// checks should look at (the defaults when the file does not load).
    static func run(configFlag: String?, environment: [String: String]) -> (CheckResult, PerformConfiguration) {
        let searched = configFlag.map { [$0] } ?? ConfigFileSearch.candidates(environment: environment)
        do {
            let configuration = try PerformConfiguration.resolve(configFlag: configFlag, flags: [], environment: environment)
            guard let file = configuration.configFile else {
                return (CheckResult(id: "config", title: "config", status: .ok,
                                    message: "no config file (looked for \(searched.joined(separator: ", "))); defaults apply",
                                    details: ["searched": .list(searched)]), configuration)
            }
            let keys = configuration.origins.keys.map(\.rawValue).sorted()
            let set = "\(keys.count) key\(keys.count == 1 ? "" : "s") set" + (keys.isEmpty ? "" : ": " + keys.joined(separator: ", "))
            return (CheckResult(id: "config", title: "config", status: .ok, message: "\(file) loads (\(set))",
                                details: ["file": .text(file), "keys": .list(keys)]), configuration)
        } catch {
            return (CheckResult(id: "config", title: "config", status: .fail, message: "\(error)",
                                fix: "correct the file (yamg perform --print-config shows what loads; every key is in "
                                    + "yamg.toml.example)", details: ["error": .text("\(error)"), "searched": .list(searched)]),
                    PerformConfiguration())
        }
    }

    /// The recordings folder: writable, or (when it does not exist yet) creatable in its nearest existing parent.
    static func recordings(_ settings: PerformSettings, environment: [String: String]) -> CheckResult {
        guard let folder = settings.sessionsDirectory(environment: environment) else {
            return CheckResult(id: "recordings", title: "recordings", status: .ok,
                               message: "not recording (no-record is set)", details: ["recording": .flag(false)])
        }
        var existing = URL(fileURLWithPath: folder).standardizedFileURL
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: existing.path, isDirectory: &isFolder) && existing.path != "/" {
            existing = existing.deletingLastPathComponent()
        }
        let exists = existing.path == URL(fileURLWithPath: folder).standardizedFileURL.path
        let details: [String: CheckDetail] = ["folder": .text(folder), "exists": .flag(exists), "checked": .text(existing.path)]
        guard isFolder.boolValue, access(existing.path, W_OK) == 0 else {
            let why = !isFolder.boolValue ? "\(existing.path) is not a folder" : "\(existing.path) is not writable by this user"
            return CheckResult(id: "recordings", title: "recordings", status: .fail,
                               message: "cannot record to \(folder): \(why)",
                               fix: "make it writable (sudo mkdir -p \(folder) && sudo chown $USER \(folder)), or set "
                                   + "record = \"DIR\" in the config (--record DIR)", details: details)
        }
        let note = exists ? "writable" : "will be created in \(existing.path) (writable)"
        return CheckResult(id: "recordings", title: "recordings", status: .ok, message: "\(folder) \(note)", details: details)
    }
}
