import Foundation

extension PerformSettings {
    /// The folder session recordings go to, or nil with `no-record`. In order: `record` (`~` expanded), the systemd
    /// state folder (`$STATE_DIRECTORY/sessions`: `/var/lib/yamg/sessions` for the system service, which sets
    /// `StateDirectory=yamg`), `$XDG_STATE_HOME/yamg/sessions`, `~/.local/state/yamg/sessions`.
    /// The folder may not exist yet: the recorder creates it.
    public func sessionsDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if noRecord { return nil }
        if let record {
            return record.hasPrefix("~") ? expandingTilde(record, environment) : record
        }
        // systemd lists several folders with ':' when StateDirectory= names several; ours is the first.
        if let state = environment["STATE_DIRECTORY"]?.split(separator: ":").first, state.hasPrefix("/") {
            return state + "/sessions"
        }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/yamg/sessions"
        }
        return (ConfigFileSearch.homeFolder(environment) ?? "/") + "/.local/state/yamg/sessions"
    }

    /// `~` and `~/…` against `$HOME`; `~user/…` through the password database.
    private func expandingTilde(_ path: String, _ environment: [String: String]) -> String {
        if path == "~" || path.hasPrefix("~/"), let home = ConfigFileSearch.homeFolder(environment) {
            return home + path.dropFirst()
        }
        return NSString(string: path).expandingTildeInPath
    }
}
