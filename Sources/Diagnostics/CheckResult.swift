
/// How a check of `yamg doctor` came out.
public enum CheckStatus: String, Sendable, Codable, Comparable {
    /// What yamg needs is there and works.
    case ok
    /// It works, or it is optional, but something is missing or not ideal (yamg still runs).
    case warn
    /// Something yamg offers cannot work on this machine until it is fixed.
    case fail

    public static func < (a: CheckStatus, b: CheckStatus) -> Bool { a.rank < b.rank }
    private var rank: Int { self == .ok ? 0 : self == .warn ? 1 : 2 }
}

/// A fact a check found, kept for `--json` (`"threads": 2`, `"drivers": ["alsa", …]`).
public enum CheckDetail: Sendable, Equatable, Encodable {
    case text(String)
    case integer(Int)
    case number(Double)
    case flag(Bool)
    case list([String])

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .flag(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        }
    }
}

/// The outcome of one check: a status, one line saying what was found, what to do about it, and the facts behind it.
public struct CheckResult: Sendable, Equatable, Encodable {
    /// A stable key for scripts and tests (`alsa-sequencer`, `audio`, `soundfont`, `openblas`, `model`, `config`,
    /// `recordings`, `systemd`).
    public var id: String
    /// What is checked, as the line starts ("ALSA sequencer").
    public var title: String
    public var status: CheckStatus
    /// One line: what was found.
    public var message: String
    /// One line: what to do, when there is something to do.
    public var fix: String?
    public var details: [String: CheckDetail]

    public init(id: String, title: String, status: CheckStatus, message: String, fix: String? = nil,
                details: [String: CheckDetail] = [:]) {
        self.id = id
        self.title = title
        self.status = status
        self.message = message
        self.fix = fix
        self.details = details
    }

    private enum CodingKeys: String, CodingKey { case id, title, status, message, fix, details }

    /// Every key always present (`"fix": null` when there is nothing to do), so scripts need no special cases.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(status, forKey: .status)
        try container.encode(message, forKey: .message)
        try container.encode(fix, forKey: .fix)
        try container.encode(details, forKey: .details)
    }
}
