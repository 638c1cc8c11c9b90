import Synchronization

/// Requests that reach a running performance from other threads (signal handlers, a config reload): the
/// performer picks them up on its next tick, within tens of milliseconds.
public final class LiveControls: Sendable {
    /// Sampling settings that may change while playing.
    public struct Sampling: Sendable, Equatable {
        public var temperature: Float
        public var topK: Int
        public var topP: Float
        public init(temperature: Float, topK: Int, topP: Float) {
            self.temperature = temperature
            self.topK = topK
            self.topP = topP
        }
    }

    struct Requests {
        var stop = false
        var rotate = false
        var speed: Double?
        var sampling: Sampling?
    }

    private let requests = Mutex(Requests())

    public init() {}

    /// Ends the session: silence every sink, finish the recording, return from `run`.
    public func stop() { requests.withLock { $0.stop = true } }
    /// Starts a new recording file (SIGHUP).
    public func rotate() { requests.withLock { $0.rotate = true } }
    /// Plays faster (> 1) or slower from the next generated event on.
    public func setSpeed(_ speed: Double) { requests.withLock { $0.speed = speed } }
    /// Samples with these settings from the next token on.
    public func setSampling(_ sampling: Sampling) { requests.withLock { $0.sampling = sampling } }

    /// Takes the pending one-shot requests (stop stays set).
    func take() -> Requests {
        requests.withLock { state in
            let taken = state
            state.rotate = false
            state.speed = nil
            state.sampling = nil
            return taken
        }
    }
}
