import Foundation
import Performance
import ServiceLifecycle
import Synchronization

/// The performer as a service: its loop runs on a thread of its own (timing must not wait for the cooperative
/// pool), and a graceful shutdown asks it to stop, which silences every sink and finishes the recording.
final class PerformerService: Service, @unchecked Sendable {  // the performer is touched only by its thread
    private let performer: Performer
    private let outcome = Mutex<Result<Performer.Report, any Error>?>(nil)

    init(_ performer: Performer) {
        self.performer = performer
    }

    func run() async throws {
        let live = performer.live
        try await withGracefulShutdownHandler {
            let result: Result<Performer.Report, any Error> = await withCheckedContinuation { continuation in
                let thread = Thread { [self] in continuation.resume(returning: Result { try performer.run() }) }
                thread.name = "yamg performer"
                thread.start()
            }
            outcome.withLock { $0 = result }
            _ = try result.get()
        } onGracefulShutdown: {
            live.stop()
        }
    }

    /// What the session did, once `run` has returned.
    func report() throws -> Performer.Report {
        guard let outcome = outcome.withLock({ $0 }) else { throw CancellationError() }
        return try outcome.get()
    }
}
