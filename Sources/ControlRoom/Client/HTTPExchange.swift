import Foundation

/// One HTTP/1.1 request and its answer over a plain TCP connection (`Connection: close`), with every header as
/// given: what `yamg ctl` speaks to a daemon on this machine, and what the tests use to send exactly the headers a
/// hostile page would (a foreign `Host` or `Origin`), which higher-level clients rewrite.
public struct HTTPExchange: Sendable {
    public struct Answer: Sendable {
        public var status: Int
        /// Header names in lower case.
        public var headers: [String: String]
        public var body: Data
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public var host: String
    public var port: Int
    /// Seconds to wait for the connection and for each read.
    public var timeout = 10.0

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// From a base URL `http://HOST:PORT`.
    public init(url: String) throws(ControlRoomError) {
        guard url.hasPrefix("http://") else { throw .request("\(url): expected http://HOST:PORT") }
        let authority = String(url.dropFirst("http://".count).prefix { $0 != "/" })
        guard let (host, port) = AccessPolicy.split(authority), let port else { throw .request("\(url): expected http://HOST:PORT") }
        self.init(host: host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port)
    }

    /// `Host` as a browser would send it for this server.
    public var authority: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }

    /// Sends `method path` with `headers` (a `Host` of this server unless given; an empty one is left out) and
    /// `body` (with its `Content-Length` unless `contentLength` is false: a chunked body).
    public func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: Data? = nil,
                     contentLength: Bool = true) throws(ControlRoomError) -> Answer {
        var head = "\(method) \(path) HTTP/1.1\r\n"
        var all = headers
        if !all.contains(where: { $0.0.lowercased() == "host" }) { all.insert(("Host", authority), at: 0) }
        all.append(("Connection", "close"))
        if let body, contentLength { all.append(("Content-Length", String(body.count))) }
        for (name, value) in all where !(name.lowercased() == "host" && value.isEmpty) { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        let raw = try exchange(Data(head.utf8) + (body ?? Data()))
        return try Self.parse(raw)
    }

    private func exchange(_ request: Data) throws(ControlRoomError) -> Data {
        let fd = try connect()
        defer { close(fd) }
        let sent = request.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let n = Foundation.send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                guard n > 0 else { return false }
                offset += n
            }
            return true
        }
        // A server may answer and close before it read everything (413): read what it said anyway.
        var answer = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            answer.append(contentsOf: buffer[0..<n])
        }
        guard !answer.isEmpty else {
            throw .request("no answer from \(authority)" + (sent ? "" : ": the request could not be sent"))
        }
        return answer
    }

    private func connect() throws(ControlRoomError) -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw .request("cannot resolve \(host)")
        }
        defer { freeaddrinfo(list) }
        var failure = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            guard fd >= 0 else { continue }
            var wait = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
            if Foundation.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
            failure = String(cString: strerror(errno))
            close(fd)
        }
        throw .request("cannot connect to \(authority): \(failure) (is yamg perform running with --http?)")
    }

    /// Status line, headers, and the body (de-chunked when chunked).
    static func parse(_ raw: Data) throws(ControlRoomError) -> Answer {
        let bytes = [UInt8](raw)
        guard let end = bytes.firstRange(of: [13, 10, 13, 10]) else { throw .request("a malformed HTTP answer") }
        let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw .request("a malformed status line: \(lines[0])") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(bytes[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return Answer(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        var out = Data(), i = 0
        while i < bytes.count, let lineEnd = bytes[i...].firstRange(of: [13, 10]) {
            let size = Int(String(decoding: bytes[i..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";")[0], radix: 16) ?? 0
            guard size > 0 else { break }
            let start = lineEnd.upperBound
            out.append(contentsOf: bytes[start..<min(bytes.count, start + size)])
            i = start + size + 2
        }
        return out
    }
}
