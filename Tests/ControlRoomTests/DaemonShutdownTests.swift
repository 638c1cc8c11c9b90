import Foundation
import MIDIFile
import TestSupport
import Testing

/// The daemon's end while clients are connected: a page's event stream, and a request whose body never comes.
/// Neither may keep the music playing after a stop signal, hold the exit for long, or turn a clean end into a
/// failure. (Both happened: the service group stopped the control room before the performer, so the music played on
/// while the room waited for its clients, and a performer whose time ran out meanwhile was "unexpected": exit 1.)
@Suite(.serialized, .tags(.slow), .timeLimit(.minutes(3))) struct DaemonShutdownTests {
    @Test func aStopSignalSilencesAtOnceWhileClientsHangOn() throws {
        let daemon = try RunningDaemon("stop-held", seconds: 60)
        let stream = try daemon.events()
        _ = try stream.receive()  // the hello: the stream is open
        let held = try HeldRequest(port: daemon.port, token: daemon.runtime.token)
        Thread.sleep(forTimeInterval: 1.5)
        let signalled = Date()
        daemon.stop()
        let exitTook = Date().timeIntervalSince(signalled)
        #expect(daemon.process.terminationStatus == 0, "\(daemon.log)")
        #expect(exitTook < 8, "the exit took \(exitTook) s")
        let played = try #require(Self.sessionSeconds(daemon.log), "\(daemon.log)")
        #expect(played < 10, "the music stopped at the signal, not after --seconds 60: \(played) s")
        try Self.expectOneValidRecording(daemon, longerThan: 0.5)
        held.close()
    }

    @Test func theSessionsOwnEndWhileClientsHangOnExitsZero() throws {
        let daemon = try RunningDaemon("end-held", seconds: 5)
        let stream = try daemon.events()
        _ = try stream.receive()
        let held = try HeldRequest(port: daemon.port, token: daemon.runtime.token)
        var messages = 0
        do { while try stream.receive() != nil { messages += 1 } } catch {}  // the stream ends with the session
        #expect(messages > 0, "the stream carried the session")
        let closed = Date()
        daemon.process.waitUntilExit()
        let exitTook = Date().timeIntervalSince(closed)
        #expect(daemon.process.terminationStatus == 0, "\(daemon.log)")
        #expect(exitTook < 8, "a client holding a request held the exit \(exitTook) s")
        let played = try #require(Self.sessionSeconds(daemon.log), "\(daemon.log)")
        #expect(abs(played - 5) < 0.5, "\(played) s")
        try Self.expectOneValidRecording(daemon, longerThan: 3)
        held.close()
    }

    /// The length the daemon reported: "session ended after 4.0 s: …".
    static func sessionSeconds(_ log: String) -> Double? {
        guard let range = log.range(of: "session ended after ") else { return nil }
        return Double(log[range.upperBound...].prefix { $0 != " " })
    }

    static func expectOneValidRecording(_ daemon: RunningDaemon, longerThan seconds: Double) throws {
        let files = try daemon.recordingFiles()
        try #require(files.count == 1, "\(files)")
        let notes = try StandardMIDIFile(contentsOf: daemon.recordings + "/" + files[0]).notes().notes
        #expect(!notes.isEmpty)
        #expect((notes.map(\.end).max() ?? 0) > seconds, "the recording holds the music played")
    }
}

/// A `PATCH /api/controls` that announces a body and sends only its first bytes, then waits: a slow or stuck
/// client, which a server's graceful shutdown would wait for.
final class HeldRequest: @unchecked Sendable {
    private var fd: Int32

    init(port: Int, token: String) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw WebSocketClient.Refused(status: 0, head: "cannot connect to \(port)") }
        let head = "PATCH /api/controls HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"temp"
        let sent = Array(head.utf8).withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == head.utf8.count else { throw WebSocketClient.Refused(status: 0, head: "cannot send the request head") }
    }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    deinit { close() }
}
