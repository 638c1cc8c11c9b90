import Generation
import Synchronization

/// The one way into a running performance from other threads: control changes (a config reload, the control
/// room; MIDI CC next), the stop and rotate requests of signals, and the player's actions (pause, resume, panic,
/// next piece, another model). The performer takes what is pending once per tick, at a token boundary, applies
/// it and logs each change once. Every surface calls the same methods here, so an action means the same
/// whether it comes from a web page, `yamg ctl` or a MIDI controller.
public final class LiveControls: Sendable {
    struct Requests {
        var stop = false
        var rotate = false
        /// The controls to play with, when a change arrived since the last take.
        var controls: Controls?
        /// Who asked for the change(s): "config reload", "CC 74", …
        var sources: [String] = []
        /// Silence everything now and keep playing.
        var panic = false
        /// End the piece now and start a new one.
        var next = false
        /// Stop (true) or go on (false) playing, when asked since the last take.
        var pause: Bool?
        /// Another model to play, ready to go.
        var stream: StreamHandoff?
        /// Another model to play once the piece playing ends.
        var streamAtPieceEnd: StreamHandoff?
    }

    private struct State {
        var requested: Controls
        var paused = false
        var pending = Requests()
    }

    private let state: Mutex<State>

    /// `controls`: what the session starts with (the performer's stream samples with the same).
    public init(_ controls: Controls) {
        state = Mutex(State(requested: controls))
    }

    /// The controls as last requested: what a surface starts from when it changes a key.
    public var controls: Controls { state.withLock { $0.requested } }

    /// Whether the performance is paused, as last requested.
    public var isPaused: Bool { state.withLock { $0.paused } }

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
    /// All notes off now on every sink; the music goes on from the next token.
    public func panic() { state.withLock { $0.pending.panic = true } }
    /// Ends the piece now (every note off) and starts a new one.
    public func next() { state.withLock { $0.pending.next = true } }
    /// Silences everything and stops generating; the clock (and a `--seconds` limit) runs on.
    public func pause() { state.withLock { $0.paused = true; $0.pending.pause = true } }
    /// Plays on after ``pause()``, from where the music stopped.
    public func resume() { state.withLock { $0.paused = false; $0.pending.pause = false } }
    /// Plays `stream` from now on instead (the piece playing ends at once). A second switch before the performer
    /// took the first replaces it.
    public func play(_ stream: StreamHandoff) { state.withLock { $0.pending.stream = stream } }
    /// Plays `stream` once the piece playing has ended (MIDI Program Change): after the usual pause between pieces,
    /// with no cut. A later switch replaces one not yet taken; a switch at once (``play(_:)``) supersedes it.
    public func playAtPieceEnd(_ stream: StreamHandoff) { state.withLock { $0.pending.streamAtPieceEnd = stream } }

    /// Takes the pending one-shot requests (stop stays set).
    func take() -> Requests {
        state.withLock { state in
            let taken = state.pending
            state.pending = Requests(stop: taken.stop)
            return taken
        }
    }
}

/// A token stream made on another thread (a model loaded off the timing path) on its way to the performer,
/// which alone uses it once it has taken it: the handoff is the one crossing, hence `@unchecked Sendable`.
public final class StreamHandoff: @unchecked Sendable {
    let stream: TokenStream
    /// The model file, and what it is ("lstm, performance encoding, 390 tokens"), for the log and the status.
    public let model: String
    public let info: String

    public init(_ stream: TokenStream, model: String, info: String) {
        self.stream = stream
        self.model = model
        self.info = info
    }
}
