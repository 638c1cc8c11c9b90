import Generation
import Synchronization

/// The one way into a running performance from other threads: control changes (a config reload today; MIDI CC and
/// HTTP next) and the stop and rotate requests of signals. The performer takes what is pending once per tick, at a
/// token boundary, applies it and logs each change once.
public final class LiveControls: Sendable {
    struct Requests {
        var stop = false
        var rotate = false
        /// The controls to play with, when a change arrived since the last take.
        var controls: Controls?
        /// Who asked for the change(s): "config reload", "CC 74", …
        var sources: [String] = []
    }

    private struct State {
        var requested: Controls
        var pending = Requests()
    }

    private let state: Mutex<State>

    /// `controls`: what the session starts with (the performer's stream samples with the same).
    public init(_ controls: Controls) {
        state = Mutex(State(requested: controls))
    }

    /// The controls as last requested: what a surface starts from when it changes a key.
    public var controls: Controls { state.withLock { $0.requested } }

    /// Changes the controls: `body` edits the latest requested controls through ``Controls/set(_:_:)``, which
    /// checks each value; when it throws, nothing changes. `source` names the surface in the log line.
    public func change<E: Error>(from source: String, _ body: (inout Controls) throws(E) -> Void) throws(E) {
        try state.withLock { (state: inout State) throws(E) in
            var controls = state.requested
            try body(&controls)
            guard controls != state.requested else { return }
            state.requested = controls
            state.pending.controls = controls
            if !state.pending.sources.contains(source) { state.pending.sources.append(source) }
        }
    }

    /// Ends the session: silence every sink, finish the recording, return from `run`.
    public func stop() { state.withLock { $0.pending.stop = true } }
    /// Starts a new recording file (SIGHUP).
    public func rotate() { state.withLock { $0.pending.rotate = true } }

    /// Takes the pending one-shot requests (stop stays set).
    func take() -> Requests {
        state.withLock { state in
            let taken = state.pending
            state.pending = Requests(stop: taken.stop)
            return taken
        }
    }
}
