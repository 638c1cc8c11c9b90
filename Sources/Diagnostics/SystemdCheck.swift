import Foundation

/// `yamg doctor`'s systemd check (informational): whether this machine runs systemd, has a user manager, and has
/// yamg's units installed. yamg runs without systemd; only its service units need it, so the one warning is for
/// installed units that nothing will run.
enum SystemdCheck {
    static let unitFolders = ["/usr/local/lib/systemd/system", "/usr/lib/systemd/system", "/etc/systemd/system",
                              "/usr/local/lib/systemd/user", "/usr/lib/systemd/user", "/etc/systemd/user"]

    static func run(environment: [String: String]) -> CheckResult {
        let booted = FileManager.default.fileExists(atPath: "/run/systemd/system")
        let analyze = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { $0 + "/systemd-analyze" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        let userManager = environment["XDG_RUNTIME_DIR"].map { FileManager.default.fileExists(atPath: $0 + "/systemd") } ?? false
        let units = unitFolders.map { $0 + "/yamg.service" }.filter { FileManager.default.fileExists(atPath: $0) }
        let details: [String: CheckDetail] = [
            "booted": .flag(booted), "systemd_analyze": analyze.map { .text($0) } ?? .flag(false),
            "user_manager": .flag(userManager), "units": .list(units),
        ]
        let facts = [
            booted ? "systemd is running" : "not booted with systemd (no /run/systemd/system)",
            userManager ? "a user manager runs" : "no user session manager",
            analyze.map { "\($0) present" } ?? "no systemd-analyze",
            units.isEmpty ? "yamg units not installed (make install)" : "units: " + units.joined(separator: ", "),
        ].joined(separator: "; ")
        if !booted && !units.isEmpty {
            return CheckResult(id: "systemd", title: "systemd", status: .warn, message: facts,
                               fix: "the yamg.service units need systemd; run yamg perform directly here", details: details)
        }
        return CheckResult(id: "systemd", title: "systemd", status: .ok, message: "optional; " + facts, details: details)
    }
}
