import Foundation

/// Which config file `yamg perform` reads: the one named by `--config` (which must exist), else the first that
/// exists of `$XDG_CONFIG_HOME/yamg/yamg.toml` (`~/.config` when unset) and `/etc/yamg/yamg.toml`; none is fine.
///
/// The environment and the system path are parameters, so tests search folders of their own.
public enum ConfigFileSearch {
    /// The system-wide config file (the system service passes it with `--config`).
    public static let systemPath = "/etc/yamg/yamg.toml"

    /// The places searched when `--config` is not given, in order.
    public static func candidates(environment: [String: String] = ProcessInfo.processInfo.environment,
                                  systemPath: String = systemPath) -> [String] {
        var candidates: [String] = []
        // XDG: a relative $XDG_CONFIG_HOME is invalid and ignored.
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            candidates.append(config + "/yamg/yamg.toml")
        } else if let home = homeFolder(environment) {
            candidates.append(home + "/.config/yamg/yamg.toml")
        }
        candidates.append(systemPath)
        return candidates
    }

    /// The config file to read, or nil when none was named and none exists.
    public static func locate(explicit: String?,
                              environment: [String: String] = ProcessInfo.processInfo.environment,
                              systemPath: String = systemPath) throws(ConfigError) -> String? {
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else { throw .missingConfigFile(path: explicit) }
            return explicit
        }
        return candidates(environment: environment, systemPath: systemPath).first {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }

    /// `$HOME` if set (and absolute), else the password database's home of the current user.
    static func homeFolder(_ environment: [String: String]) -> String? {
        if let home = environment["HOME"], home.hasPrefix("/") { return home }
        let fallback = NSHomeDirectory()
        return fallback.isEmpty ? nil : fallback
    }
}
