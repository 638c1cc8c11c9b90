import Foundation

/// Wakes a sleeping performer from another thread: a non-blocking pipe that a push writes a byte to (a full pipe
/// already means "rung", so a ring never blocks) and the performer's sleep polls with its deadline as the timeout.
public final class InputBell: Sendable {
    private let read: Int32
    private let write: Int32

    public init() {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0, "pipe failed: \(String(cString: strerror(errno)))")
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        (read, write) = (fds[0], fds[1])
    }

    deinit {
        close(read)
        close(write)
    }

    /// Wakes the sleeper (or makes its next wait return at once).
    public func ring() {
        var one: UInt8 = 1
        _ = Foundation.write(write, &one, 1)
    }

    /// Waits at most `milliseconds` for a ring; true when rung (every ring so far is consumed).
    @discardableResult
    public func wait(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: read, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, max(0, milliseconds)) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 256)
        while Foundation.read(read, &buffer, buffer.count) > 0 {}
        return true
    }
}
