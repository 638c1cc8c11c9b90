import Foundation

/// The clock a performance keeps time by: seconds since the session began.
///
/// The daemon uses `MonotonicClock`; tests and long simulated runs use `SimulatedClock`, which jumps instead of
/// sleeping, so hours of performance run in seconds through the same code.
public protocol SessionClock: AnyObject {
    /// Seconds since the clock's origin.
    func now() -> Double
    /// Returns at `time` (at once if it has passed).
    func sleep(until time: Double)
    /// Returns at `time`, or earlier when `bell` rings (input arrived). A simulated clock just jumps to `time`.
    func sleep(until time: Double, orUntil bell: InputBell)
}

extension SessionClock {
    public func sleep(until time: Double, orUntil bell: InputBell) { sleep(until: time) }
}

/// `CLOCK_MONOTONIC` (never jumps with wall-clock changes), from the moment the clock is made.
public final class MonotonicClock: SessionClock, Sendable {
    private let origin: Double

    public init() { origin = Self.monotonic() }

    public func now() -> Double { Self.monotonic() - origin }

    /// Sleeps to an absolute deadline (`TIMER_ABSTIME`), so time spent before the call or a signal's
    /// interruption never stretches the wait.
    public func sleep(until time: Double) {
        let deadline = origin + time
        guard deadline > Self.monotonic() else { return }
        let seconds = deadline.rounded(.down)
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((deadline - seconds) * 1e9))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &request, nil) == EINTR {}
    }

    /// Polls the bell with the time left (whole milliseconds), then sleeps the last fraction of a millisecond.
    public func sleep(until time: Double, orUntil bell: InputBell) {
        let left = time - now()
        guard left > 0 else { return }
        if left >= 0.001, bell.wait(milliseconds: Int32(min(left * 1000, 60_000))) { return }
        sleep(until: time)
    }

    static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

/// A clock that stands still until someone sleeps on it, then jumps to the wake-up time.
public final class SimulatedClock: SessionClock {
    private var time: Double

    public init(start: Double = 0) { time = start }

    public func now() -> Double { time }

    public func sleep(until time: Double) { self.time = max(self.time, time) }

    /// Moves time on by `seconds` (work that takes time in a real run, e.g. a slow model step).
    public func advance(by seconds: Double) { time += seconds }
}
