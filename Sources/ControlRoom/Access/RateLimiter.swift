import Synchronization

/// A token bucket: `rate` requests a second on average, bursts of up to `burst`. The control room puts every
/// write through one, so a runaway script (or a page gone wrong) cannot flood the performer with requests.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var last: ContinuousClock.Instant
    }

    let rate: Double
    let burst: Double
    private let bucket: Mutex<Bucket>

    init(rate: Double, burst: Double) {
        self.rate = rate
        self.burst = burst
        bucket = Mutex(Bucket(tokens: burst, last: .now))
    }

    /// Takes one request's token; false when none is left (answer 429).
    func allow() -> Bool {
        bucket.withLock { bucket in
            let now = ContinuousClock.now
            let elapsed = now - bucket.last
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            bucket.tokens = min(burst, bucket.tokens + seconds * rate)
            bucket.last = now
            guard bucket.tokens >= 1 else { return false }
            bucket.tokens -= 1
            return true
        }
    }
}
