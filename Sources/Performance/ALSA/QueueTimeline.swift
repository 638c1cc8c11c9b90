import Foundation

/// Session time ⇄ the real time of our ALSA queue.
///
/// The queue's clock starts at 0 when `start` runs; `origin` is the session time of that instant. Events are
/// scheduled at `session − origin` on the queue and the kernel sends them then; the probe's kernel stamps come
/// back as `origin + stamp`. Both clocks are the kernel's monotonic time, so they stay in step.
struct QueueTimeline: Equatable {
    /// Session seconds at queue real time 0.
    var origin: Double

    /// The queue real time (seconds, nanoseconds) for session time `time`; times before the queue started are
    /// sent at once (queue time 0).
    func queueTime(_ time: Double) -> (seconds: UInt32, nanoseconds: UInt32) {
        let t = max(0, time - origin)
        let seconds = t.rounded(.down)
        let nanoseconds = min(999_999_999, ((t - seconds) * 1e9).rounded())
        return (UInt32(min(seconds, Double(UInt32.max))), UInt32(nanoseconds))
    }

    /// The session time of queue real time `queueSeconds`.
    func sessionTime(_ queueSeconds: Double) -> Double { origin + queueSeconds }

    /// `CLOCK_MONOTONIC` in seconds: the clock `MonotonicClock` and the sequencer's queue timer both follow.
    static func monotonic() -> Double { MonotonicClock.monotonic() }
}
