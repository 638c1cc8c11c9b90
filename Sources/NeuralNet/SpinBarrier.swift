import Foundation
import Synchronization

/// A barrier for a fixed number of threads that meet thousands of times a second (once per LSTM time
/// step): waiting spins on an atomic instead of sleeping, since a sleep and wake-up costs more than a
/// step's work; after a few thousand spins it yields, so that a waiter on a busy machine does not keep
/// the other thread it waits for off the core.
public final class SpinBarrier: Sendable {
    public let parties: Int
    private let arrived = Atomic<Int>(0)
    private let phase = Atomic<Int>(0)

    public init(parties: Int) { self.parties = parties }

    /// Returns once all `parties` threads have called it. Writes before it are visible to every thread after it.
    public func wait() {
        guard parties > 1 else { return }
        let current = phase.load(ordering: .acquiring)
        if arrived.add(1, ordering: .acquiringAndReleasing).newValue == parties {
            // The others spin until the phase moves, so the count is back at zero before anyone arrives again.
            arrived.store(0, ordering: .relaxed)
            phase.store(current &+ 1, ordering: .releasing)
            return
        }
        var spins = 0
        while phase.load(ordering: .acquiring) == current {
            spins += 1
            if spins == 4_000 {
                spins = 0
                sched_yield()
            }
        }
    }
}
