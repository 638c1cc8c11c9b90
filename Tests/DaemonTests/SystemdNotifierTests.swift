import Foundation
import Testing
import Daemon
#if canImport(Glibc)
import Glibc
#endif

/// A unix datagram socket bound as systemd's notify socket would be: at a path, or at a name in the abstract namespace.
private final class NotifySocket {
    let descriptor: Int32
    /// What `$NOTIFY_SOCKET` holds for it.
    let environmentValue: String
    private let path: String?

    init(abstract: Bool) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        try #require(descriptor >= 0)
        let name = "yamg-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let bytes: [UInt8]
        if abstract {
            path = nil
            environmentValue = "@" + name
            bytes = [0] + Array(name.utf8)
        } else {
            path = "/tmp/\(name).sock"
            environmentValue = path!
            bytes = Array(path!.utf8) + [0]
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        try #require(bound == 0, "bind: \(String(cString: strerror(errno)))")
    }

    /// The next datagram, or nil if none is waiting (the sender's `sendto` has returned, so it is here or lost).
    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        return count < 0 ? nil : String(decoding: buffer[0..<count], as: UTF8.self)
    }

    deinit {
        close(descriptor)
        if let path { unlink(path) }
    }
}

@Suite("SystemdNotifier")
struct SystemdNotifierTests {
    @Test(arguments: [false, true])
    func messagesArriveAsOneDatagramEach(abstract: Bool) throws {
        let socket = try NotifySocket(abstract: abstract)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.environmentValue])
        #expect(notifier.isEnabled)
        #expect(notifier.address == (abstract ? .abstract(String(socket.environmentValue.dropFirst())) : .path(socket.environmentValue)))
        try notifier.ready(status: "playing best.safetensors\nto ALSA")
        try notifier.status("session 2, 00:10:00")
        try notifier.watchdog()
        try notifier.stopping()
        #expect(try notifier.send(["EXTEND_TIMEOUT_USEC=5000000", "STATUS=loading"]))
        #expect(socket.receive() == "READY=1\nSTATUS=playing best.safetensors to ALSA")
        #expect(socket.receive() == "STATUS=session 2, 00:10:00")
        #expect(socket.receive() == "WATCHDOG=1")
        #expect(socket.receive() == "STOPPING=1")
        #expect(socket.receive() == "EXTEND_TIMEOUT_USEC=5000000\nSTATUS=loading")
        #expect(socket.receive() == nil)
    }

    @Test func withoutASocketNothingHappens() throws {
        for environment in [[:], ["NOTIFY_SOCKET": ""], ["NOTIFY_SOCKET": "vsock:2:1234"], ["NOTIFY_SOCKET": "@"]] {
            let notifier = SystemdNotifier(environment: environment)
            #expect(!notifier.isEnabled && notifier.address == nil)
            try notifier.ready()
            try notifier.watchdog()
            #expect(try notifier.send(["STATUS=x"]) == false)
        }
    }

    @Test func aSocketThatIsGoneIsAnError() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/tmp/yamg-no-such-socket-\(getpid())"])
        #expect(throws: SystemdNotifyError.self) { try notifier.watchdog() }
        do {
            try notifier.watchdog()
        } catch {
            #expect(error.description.hasPrefix("sd_notify to /tmp/yamg-no-such-socket-") && !error.description.contains("\n"))
        }
        let long = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/" + String(repeating: "x", count: 200)])
        #expect(throws: SystemdNotifyError.self) { try long.ready() }
    }

    @Test func watchdogInterval() {
        let pid = getpid()
        let on = SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000"], pid: pid)
        #expect(on.watchdogTimeout == .seconds(30) && on.watchdogPingInterval == .seconds(15))
        let ours = SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(pid)"], pid: pid)
        #expect(ours.watchdogPingInterval == .seconds(15))
        let theirs = SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(pid + 1)"], pid: pid)
        #expect(theirs.watchdogTimeout == nil && theirs.watchdogPingInterval == nil)
        #expect(SystemdNotifier(environment: [:]).watchdogTimeout == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "0"]).watchdogTimeout == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "soon"]).watchdogTimeout == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "1500"]).watchdogPingInterval == .microseconds(750))
    }
}
