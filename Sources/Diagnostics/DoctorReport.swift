import Foundation

/// Every check of `yamg doctor` in the order they ran, with the counts and exit status that sum them up.
public struct DoctorReport: Sendable, Encodable {
    public var version: String
    public var checks: [CheckResult]

    public init(version: String, checks: [CheckResult]) {
        self.version = version
        self.checks = checks
    }

    public func count(_ status: CheckStatus) -> Int { checks.filter { $0.status == status }.count }

    /// 0 when nothing failed (warnings are fine), else 1.
    public var exitCode: Int32 { count(.fail) == 0 ? 0 : 1 }

    /// "6 ok, 2 warnings, 1 failure".
    public var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let verdict = count(.fail) > 0 ? "yamg needs fixes here" : count(.warn) > 0 ? "yamg is ready, with warnings" : "yamg is ready"
        return "\(count(.ok)) ok, \(plural(count(.warn), "warning")), \(plural(count(.fail), "failure")): \(verdict)"
    }

    /// The report for people: a line per check (`✓`/`!`/`✗` with `symbols`, else `ok`/`warn`/`fail`), each fix
    /// indented under its check, then the summary line.
    public func text(symbols: Bool) -> String {
        var lines: [String] = []
        for check in checks {
            let marker = symbols ? [CheckStatus.ok: "✓", .warn: "!", .fail: "✗"][check.status]!
                : check.status.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0)
            lines.append("\(marker) \(check.title): \(check.message)")
            if let fix = check.fix { lines.append("    fix: \(fix)") }
        }
        lines.append("summary: \(summary)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as pretty-printed JSON: `version`, `checks` (id, title, status, message, fix, details),
    /// `summary` (`ok`, `warn`, `fail` counts) and `exit_code`.
    public func json() -> String {
        struct Document: Encodable {
            var version: String
            var checks: [CheckResult]
            var summary: [String: Int]
            var exitCode: Int32
            enum CodingKeys: String, CodingKey { case version, checks, summary, exitCode = "exit_code" }
        }
        let document = Document(version: version, checks: checks,
                                summary: ["ok": count(.ok), "warn": count(.warn), "fail": count(.fail)], exitCode: exitCode)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(document), as: UTF8.self) + "\n"
    }
}
