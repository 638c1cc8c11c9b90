import Synchronization

/// Who may talk to the control room, decided from a request's headers alone (pure, so the tests can check every
/// rule without a server).
///
/// A browser on this machine also visits untrusted sites, which may send requests to loopback addresses: the
/// `Host` header must name this server (a DNS-rebinding page sends its own name), an `Origin` must be this server's
/// page (another site's page sends its own), and the bearer token, which only the page and `yamg ctl` know, must
/// be there for everything under `/api`.
final class AccessPolicy: Sendable {
    let token: String
    /// The port `Host` and `Origin` must name: the configured one, then the one bound (the system's pick for 0).
    private let boundPort: Atomic<Int>
    var port: Int { boundPort.load(ordering: .relaxed) }
    /// Lower-case host names and addresses this server answers to, without port: `localhost`, `127.0.0.1`,
    /// `[::1]`, the listening address, and any names the configuration adds.
    let hosts: Set<String>

    init(token: String, address: ListenAddress, extraHosts: [String]) {
        self.token = token
        boundPort = Atomic(address.port)
        var hosts: Set<String> = ["localhost", "127.0.0.1", "[::1]"]
        let own = address.host.contains(":") ? "[\(address.host)]" : address.host
        if !["0.0.0.0", "[::]"].contains(own) { hosts.insert(own.lowercased()) }
        for host in extraHosts { hosts.insert(host.lowercased()) }
        self.hosts = hosts
    }

    /// The server listens on `port` now.
    func bound(port: Int) { boundPort.store(port, ordering: .relaxed) }

    /// Whether `authority` (the `Host` header: `name` or `name:port`) names this server.
    func allowsHost(_ authority: String?) -> Bool {
        guard let authority, let (host, port) = Self.split(authority.lowercased()) else { return false }
        return hosts.contains(host) && (port == nil || port == self.port)
    }

    /// Whether a request with this `Origin` may write or open the WebSocket: no `Origin` (not a browser: curl,
    /// `yamg ctl`), or this server's own page (`http://` + an allowed host + this port).
    func allowsOrigin(_ origin: String?) -> Bool {
        guard let origin else { return true }
        let lower = origin.lowercased()
        guard lower.hasPrefix("http://") else { return false }
        let authority = lower.dropFirst("http://".count)
        guard !authority.contains("/"), let (host, port) = Self.split(String(authority)) else { return false }
        return hosts.contains(host) && (port ?? 80) == self.port
    }

    /// Whether `authorization` is `Bearer <the token>`.
    func allowsToken(_ authorization: String?) -> Bool {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return false }
        return Secrets.equal(String(authorization.dropFirst("Bearer ".count)).trimmingSpaces, token)
    }

    /// The token offered as a WebSocket subprotocol (`bearer.<token>`: a browser cannot set headers on a
    /// WebSocket), or nil.
    func allowsSubprotocol(_ header: String?) -> String? {
        guard let header else { return nil }
        for offered in header.split(separator: ",").map({ String($0).trimmingSpaces }) where offered.hasPrefix("bearer.") {
            if Secrets.equal(String(offered.dropFirst("bearer.".count)), token) { return offered }
        }
        return nil
    }

    /// `host[:port]` → (host, port); an IPv6 host keeps its brackets. Nil for anything malformed.
    static func split(_ authority: String) -> (String, Int?)? {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            let host = String(authority[...close])
            let rest = authority[authority.index(after: close)...]
            if rest.isEmpty { return (host, nil) }
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()) else { return nil }
            return (host, port)
        }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        guard !parts[0].isEmpty, parts.count <= 2 else { return nil }
        if parts.count == 1 { return (String(parts[0]), nil) }
        guard let port = Int(parts[1]) else { return nil }
        return (String(parts[0]), port)
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
