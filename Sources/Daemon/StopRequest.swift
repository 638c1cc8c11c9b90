import Dispatch
import Synchronization
import UnixSignals

/// SIGINT and SIGTERM as a flag that a long synchronous loop polls (`yamg train` saves its checkpoint and exits),
/// through the same signal sequences the daemon's services use.
public final class StopRequest: Sendable {
    private let raised = Atomic(false)

    /// Traps the signals; returns once the trap is in place, so no signal is lost.
    public init() {
        let installed = DispatchSemaphore(value: 0)
        Task.detached { [self] in
            let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
            installed.signal()
            for await _ in signals { self.raised.store(true, ordering: .relaxed) }
        }
        installed.wait()
    }

    public var isRaised: Bool { raised.load(ordering: .relaxed) }
}
