import Dispatch
import Foundation

/// Routes the daemon's signals to its live controls: SIGINT and SIGTERM stop the session (every note gets its
/// note-off, the recording is finalized), SIGHUP starts a new recording file, SIGUSR1 calls `reload`
/// (the command re-reads the config and applies speed and sampling live).
public final class SignalRouter: @unchecked Sendable {  // the sources are only kept alive, never touched again
    private var sources: [any DispatchSourceSignal] = []

    public init(controls: LiveControls, reload: (@Sendable () -> Void)? = nil) {
        listen(SIGINT) { controls.stop() }
        listen(SIGTERM) { controls.stop() }
        listen(SIGHUP) { controls.rotate() }
        if let reload { listen(SIGUSR1, reload) }
    }

    private func listen(_ sig: Int32, _ handler: @escaping @Sendable () -> Void) {
        signal(sig, SIG_IGN)  // the dispatch source, not the default action, sees it now
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler(handler: handler)
        source.resume()
        sources.append(source)
    }
}
