import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT and SIGTERM into a flag a long loop polls, so it can save its work and exit cleanly.
final class StopSignal: @unchecked Sendable {  // the sources are only kept alive, never touched again
    private let raised = Atomic(false)
    private let sources: [any DispatchSourceSignal]

    init(_ signals: [Int32] = [SIGINT, SIGTERM]) {
        var made: [any DispatchSourceSignal] = []
        for sig in signals {
            signal(sig, SIG_IGN)  // the dispatch source, not the default handler, sees it now
            made.append(DispatchSource.makeSignalSource(signal: sig, queue: .global()))
        }
        sources = made
        for source in sources {
            source.setEventHandler { [self] in self.raised.store(true, ordering: .relaxed) }
            source.resume()
        }
    }

    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
