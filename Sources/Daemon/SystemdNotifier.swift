import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a notification did not reach systemd; one line.
public enum SystemdNotifyError: Error, Equatable, CustomStringConvertible {
    /// The socket address is longer than `sockaddr_un` holds (108 bytes).
    case addressTooLong(String)
    case socketFailed(errno: Int32)
    case sendFailed(address: String, errno: Int32)

    public var description: String {
        switch self {
        case .addressTooLong(let address): "sd_notify: $NOTIFY_SOCKET \(address) is too long for a unix socket address"
        case .socketFailed(let code): "sd_notify: cannot create a unix datagram socket: \(String(cString: strerror(code)))"
        case .sendFailed(let address, let code): "sd_notify to \(address) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// Tells systemd how the daemon is doing (`Type=notify`, `WatchdogSec=`), as `sd_notify(3)` does but without
/// libsystemd: each message is one datagram of `KEY=value` lines sent to the unix socket named by `$NOTIFY_SOCKET`
/// (a path, or with a leading `@` a name in the abstract namespace).
///
/// Without `$NOTIFY_SOCKET` (not started by systemd, or not `Type=notify`) every call does nothing. A value holds
/// only the address: it opens a socket per message (watchdog pings come seconds apart), so it is freely shared
/// between threads.
public struct SystemdNotifier: Sendable {
    public enum Address: Sendable, Equatable, CustomStringConvertible {
        case path(String)
        /// A name in the abstract namespace, without the `@`.
        case abstract(String)

        public var description: String {
            switch self {
            case .path(let path): path
            case .abstract(let name): "@" + name
            }
        }
    }

    /// Where messages go; nil: nowhere (every call is a no-op).
    public let address: Address?

    /// systemd's watchdog timeout (`WatchdogSec=`) when it watches this process: `$WATCHDOG_USEC`, honoured only
    /// when `$WATCHDOG_PID` is unset or this process's id. Ping (``watchdog()``) at ``watchdogPingInterval``.
    public let watchdogTimeout: Duration?

    /// Half the watchdog timeout, as sd_watchdog_enabled(3) advises, or nil when no watchdog is on.
    public var watchdogPingInterval: Duration? { watchdogTimeout.map { $0 / 2 } }

    /// Reads `$NOTIFY_SOCKET`, `$WATCHDOG_USEC` and `$WATCHDOG_PID` from `environment`; `pid` is this process's.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, pid: Int32 = getpid()) {
        switch environment["NOTIFY_SOCKET"] {
        case let socket? where socket.hasPrefix("@") && socket.count > 1: address = .abstract(String(socket.dropFirst()))
        case let socket? where socket.hasPrefix("/"): address = .path(socket)
        default: address = nil  // unset, empty, or a kind we do not speak (vsock:)
        }
        let ours = environment["WATCHDOG_PID"].map { Int32($0) == pid } ?? true
        if ours, let text = environment["WATCHDOG_USEC"], let usec = Int64(text), usec > 0 {
            watchdogTimeout = .microseconds(usec)
        } else {
            watchdogTimeout = nil
        }
    }

    /// Whether messages go anywhere.
    public var isEnabled: Bool { address != nil }

    /// The service is up (`READY=1`), with an optional status line.
    public func ready(status: String? = nil) throws(SystemdNotifyError) {
        try send(["READY=1"] + (status.map { ["STATUS=" + Self.oneLine($0)] } ?? []))
    }

    /// A free-form status line for `systemctl status` (`STATUS=…`).
    public func status(_ text: String) throws(SystemdNotifyError) {
        try send(["STATUS=" + Self.oneLine(text)])
    }

    /// Still alive (`WATCHDOG=1`): call at ``watchdogPingInterval``.
    public func watchdog() throws(SystemdNotifyError) {
        try send(["WATCHDOG=1"])
    }

    /// Shutting down (`STOPPING=1`), with an optional status line.
    public func stopping(status: String? = nil) throws(SystemdNotifyError) {
        try send(["STOPPING=1"] + (status.map { ["STATUS=" + Self.oneLine($0)] } ?? []))
    }

    /// Sends `assignments` (`"READY=1"`, `"STATUS=…"`) as one datagram, one per line; false when there is no socket.
    @discardableResult
    public func send(_ assignments: [String]) throws(SystemdNotifyError) -> Bool {
        guard let address else { return false }
        // sun_path: a path ends with its NUL; an abstract name starts with one and is exactly its bytes.
        let pathBytes: [UInt8] = switch address {
        case .path(let path): Array(path.utf8) + [0]
        case .abstract(let name): [0] + Array(name.utf8)
        }
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        guard pathBytes.count <= MemoryLayout.size(ofValue: socketAddress.sun_path) else {
            throw .addressTooLong(address.description)
        }
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { $0.copyBytes(from: pathBytes) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + pathBytes.count)

        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .socketFailed(errno: errno) }
        defer { close(descriptor) }
        let message = Array(assignments.joined(separator: "\n").utf8)
        let sent = message.withUnsafeBytes { bytes in
            withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), $0, length)
                }
            }
        }
        guard sent == message.count else { throw .sendFailed(address: address.description, errno: errno) }
        return true
    }

    /// A status is one line of the message.
    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
