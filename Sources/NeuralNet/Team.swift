import Foundation
import Synchronization

/// Threads that run one body together: the caller as member 0 and `count − 1` threads of the team's own,
/// which wait for work between runs. Unlike `DispatchQueue.concurrentPerform`, every member is sure to
/// run at the same time, so they may meet at a barrier — the LSTM's time loop runs as one team run
/// with a barrier per step, where a dispatch per step would cost more than the step's work.
///
/// Between runs a worker first spins a while (`spinMicroseconds`) watching for the next run, then sleeps: runs
/// that follow each other closely (the products of a training step, generation steps one after another) start
/// without the wake-up of a sleeping thread, which costs several microseconds — a tenth of a generation step.
///
/// One run at a time: callers on other threads wait their turn (tests train several models at once).
/// A run started inside a run has one member, the calling thread, which does all the work.
public final class Team: @unchecked Sendable {
    public let count: Int
    private let barrier: SpinBarrier
    private let wake: [DispatchSemaphore]
    /// Per worker: set while it sleeps (or is about to) on its semaphore, so the caller knows to signal it.
    private let asleep: [Flag]
    /// Counts the runs started: a worker watches it change while it spins.
    private let runs = Atomic<Int>(0)
    private let done: SpinBarrier
    private let turn = Mutex(())

    /// How long a worker watches for the next run before it sleeps.
    public static let spinMicroseconds: UInt64 = 100
    /// The body of the current run; set before the workers are woken, read by them only while it runs.
    nonisolated(unsafe) private var body: ((Int) -> Void)?

    public init(count: Int) {
        self.count = max(1, count)
        barrier = SpinBarrier(parties: self.count)
        done = SpinBarrier(parties: self.count)
        wake = (1..<self.count).map { _ in DispatchSemaphore(value: 0) }
        asleep = (1..<self.count).map { _ in Flag() }
        for worker in 1..<self.count {
            let thread = Thread { [self] in
                Self.markInside(true)
                var seen = 0
                while true {
                    seen = awaitRun(after: seen, worker: worker - 1)
                    body?(worker)
                    done.wait()
                }
            }
            thread.name = "yamg-team-\(worker)"
            thread.start()
        }
    }

    /// One thread's part in a run: which member it is, of how many, and the barrier they share.
    public struct Member {
        public let index: Int, count: Int
        let barrier: SpinBarrier?

        /// Member `index` of `count` with no one to meet: for working out shares.
        public init(index: Int, count: Int) { self.init(index: index, count: count, barrier: nil) }

        init(index: Int, count: Int, barrier: SpinBarrier?) {
            self.index = index
            self.count = count
            self.barrier = barrier
        }

        /// Returns once every member has called it.
        public func wait() { barrier?.wait() }

        /// This member's `first..<end` share when `total` items are split as evenly as can be, in
        /// multiples of `granule` (so that vector loops over a share have no ragged middle).
        public func share(of total: Int, granule: Int = 1) -> Range<Int> {
            let units = (total + granule - 1) / granule
            return min(total, units * index / count * granule)..<min(total, units * (index + 1) / count * granule)
        }
    }

    /// Runs `body` on every member at once and returns when all have finished.
    public func run(_ body: (Member) -> Void) {
        guard count > 1, !Self.isInsideRun else { return body(Member(index: 0, count: 1, barrier: nil)) }
        turn.withLock { _ in
            withoutActuallyEscaping(body) { body in
                self.body = { body(Member(index: $0, count: self.count, barrier: self.barrier)) }
                Self.markInside(true)
                defer { Self.markInside(false) }
                runs.add(1, ordering: .sequentiallyConsistent)
                for (flag, semaphore) in zip(asleep, wake)
                where flag.value.exchange(false, ordering: .sequentiallyConsistent) { semaphore.signal() }
                body(Member(index: 0, count: count, barrier: barrier))
                done.wait()
                self.body = nil
            }
        }
    }

    /// Returns the count of runs once it is past `seen`: spinning for `spinMicroseconds` (yielding now and then, so
    /// that on a busy machine the spinner does not keep others off the core), then asleep on the worker's semaphore.
    /// The worker raises its `asleep` flag before it looks a last time and the caller counts the run before it
    /// looks at the flag, so one of them always sees the other: no run is missed.
    private func awaitRun(after seen: Int, worker: Int) -> Int {
        let deadline = DispatchTime.now().uptimeNanoseconds + Self.spinMicroseconds * 1000
        var spins = 0
        while true {
            let current = runs.load(ordering: .acquiring)
            if current != seen { return current }
            spins += 1
            if spins % 256 == 0 {
                if DispatchTime.now().uptimeNanoseconds > deadline { break }
                if spins % 4096 == 0 { sched_yield() }
            }
        }
        asleep[worker].value.store(true, ordering: .sequentiallyConsistent)
        let current = runs.load(ordering: .sequentiallyConsistent)
        if current == seen || !asleep[worker].value.exchange(false, ordering: .sequentiallyConsistent) {
            // Either no run yet (the caller will signal), or the caller took the flag and signals: take the signal.
            wake[worker].wait()
        }
        return runs.load(ordering: .acquiring)
    }

    private final class Flag: Sendable {
        let value = Atomic(false)
    }

    /// Whether the calling thread is running a team's body.
    public static var isInsideRun: Bool { pthread_getspecific(insideKey) != nil }

    private static func markInside(_ inside: Bool) {
        pthread_setspecific(insideKey, inside ? UnsafeRawPointer(bitPattern: 1) : nil)
    }

    private static let insideKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
}

extension Parallel {
    private static let current = Mutex<Team?>(nil)

    /// The team of `workers` threads (made on first use, and again if `workers` changes). The threads are
    /// never stopped: a process has one team and its threads sleep between runs.
    public static var team: Team {
        current.withLock { current in
            if let team = current, team.count == workers { return team }
            let team = Team(count: workers)
            current = team
            return team
        }
    }
}
