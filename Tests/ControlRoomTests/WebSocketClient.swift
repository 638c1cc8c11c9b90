import Foundation

/// A small blocking WebSocket client (RFC 6455) over a plain TCP socket, for the tests: the control room's
/// `/api/events`, and Chromium's DevTools protocol. Text messages only; frames are masked as a client's must be.
final class WebSocketClient: @unchecked Sendable {  // used by one thread at a time
    struct Refused: Error, CustomStringConvertible {
        var status: Int
        var head: String
        var description: String { "WebSocket upgrade refused: \(head)" }
    }

    private let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to `ws://host:port/path`, with extra request headers.
    init(host: String = "127.0.0.1", port: Int, path: String, headers: [(String, String)] = []) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw Refused(status: 0, head: "cannot connect: \(String(cString: strerror(errno)))") }
        setTimeout(10)
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        var request = "GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        try write(Array((request + "\r\n").utf8))
        while buffer.firstRange(of: [13, 10, 13, 10]) == nil { try fill() }
        let end = buffer.firstRange(of: [13, 10, 13, 10])!
        let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
        buffer.removeSubrange(..<end.upperBound)
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        guard status == 101 else { close(fd); throw Refused(status: status, head: head) }
        responseHead = head
    }

    /// The server's answer to the upgrade.
    private(set) var responseHead = ""

    deinit { close(fd) }

    func setTimeout(_ seconds: Double) {
        var wait = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends one text message.
    func send(_ text: String) throws {
        let payload = Array(text.utf8)
        var frame: [UInt8] = [0x81]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else if payload.count < 65536 {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        } else {
            frame.append(0x80 | 127)
            frame += (0..<8).reversed().map { UInt8((payload.count >> ($0 * 8)) & 0xFF) }
        }
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try write(frame)
    }

    /// The next text message (pings are answered, continuation frames joined); nil when the server closed.
    func receive() throws -> String? {
        var message: [UInt8] = []
        while true {
            let (opcode, final, payload) = try frame()
            switch opcode {
            case 0x8: return nil
            case 0x9: try write([0x8A, 0x80 | UInt8(payload.count)] + [0, 0, 0, 0] + payload)  // pong, zero mask
            case 0xA: continue
            default:
                message += payload
                if final { return String(decoding: message, as: UTF8.self) }
            }
        }
    }

    private func frame() throws -> (UInt8, Bool, [UInt8]) {
        try need(2)
        let final = buffer[0] & 0x80 != 0, opcode = buffer[0] & 0x0F
        var length = Int(buffer[1] & 0x7F), offset = 2
        if length == 126 {
            try need(4)
            length = Int(buffer[2]) << 8 | Int(buffer[3])
            offset = 4
        } else if length == 127 {
            try need(10)
            length = (2..<10).reduce(0) { $0 << 8 | Int(buffer[$1]) }
            offset = 10
        }
        try need(offset + length)
        let payload = Array(buffer[offset..<offset + length])
        buffer.removeSubrange(..<(offset + length))
        return (opcode, final, payload)
    }

    private func need(_ count: Int) throws { while buffer.count < count { try fill() } }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { throw Refused(status: 0, head: n == 0 ? "connection closed" : "read failed: \(String(cString: strerror(errno)))") }
        buffer += chunk[0..<n]
    }

    private func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Refused(status: 0, head: "write failed") }
            offset += n
        }
    }
}
