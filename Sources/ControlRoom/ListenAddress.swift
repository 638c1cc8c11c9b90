/// Where the control room listens: `127.0.0.1:8340`, `[::1]:8340`, `localhost:8340`, `0.0.0.0:8340`.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host as written, without brackets (`::1`).
    public var host: String
    /// 0 picks a free port (tests); the port bound is reported once the server runs.
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT` (an IPv6 host in brackets); the error says what is wrong in one line.
    public init(parsing text: String) throws(ControlRoomError) {
        let host: Substring, port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[close...].hasPrefix("]:") else {
                throw .badAddress(text, "expected [IPv6]:PORT, like [::1]:8340")
            }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else {
                throw .badAddress(text, "expected HOST:PORT, like 127.0.0.1:8340")
            }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:".contains($0) }) else {
            throw .badAddress(text, "the host must be an address or a name, like 127.0.0.1")
        }
        guard let number = Int(port), (0...65535).contains(number) else {
            throw .badAddress(text, "the port must be a number in [0, 65535]")
        }
        self.init(host: String(host), port: number)
    }

    /// Whether only this machine can reach it: `localhost`, 127.0.0.0/8 or `::1`.
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// `127.0.0.1:8340`, `[::1]:8340`.
    public var description: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }

    /// The address to bind: `localhost` binds to 127.0.0.1, so that the page's address is one the allow list
    /// knows whatever the resolver says.
    var bindHost: String { host == "localhost" ? "127.0.0.1" : host }
}

/// Why the control room cannot start, or a client cannot reach it; one line.
public enum ControlRoomError: Error, Equatable, CustomStringConvertible {
    case badAddress(String, String)
    /// Listening beyond loopback without an explicit token.
    case tokenRequired(ListenAddress)
    case badToken(String)
    /// The web page's files are missing.
    case noWebFolder([String])
    case runtimeFile(path: String, reason: String)
    /// A client could not find a running daemon.
    case notRunning(String)
    /// A client's request failed: connection, or the daemon said no.
    case request(String)

    public var description: String {
        switch self {
        case .badAddress(let text, let why): "http address '\(text)': \(why)"
        case .tokenRequired(let address):
            "http = \"\(address)\" can be reached from other machines: set http-token to a secret of at least 32 characters "
                + "(e.g. from `openssl rand -hex 32`), or listen on 127.0.0.1"
        case .badToken(let why): "http-token: \(why)"
        case .noWebFolder(let looked): "the control room's page is not installed (looked in \(looked.joined(separator: ", ")))"
        case .runtimeFile(let path, let reason): "\(path): \(reason)"
        case .notRunning(let why): why
        case .request(let why): why
        }
    }
}
