import Synchronization

/// The one crossing from an input reader's thread to the performer: a bounded buffer of ``InputEvent``s.
///
/// Live input is untrusted (a note storm, a sysex flood, a controller sending 1,000 CCs a second), so the buffer
/// never grows: when it holds `capacity` events, a new one is dropped and counted, and the performer logs the
/// drops at most once a second. `push` takes a lock held only to copy one value and never waits for the
/// performer; the performer takes everything at once with ``take(max:)``. Pushing also rings the ``bell`` so a
/// sleeping performer wakes at once (a note-on reaches the model's state within a millisecond or two, not at
/// the next tick).
public final class InputQueue: Sendable {
    private struct State {
        var events: [InputEvent] = []
        var dropped = 0
        var notices: [String] = []
    }

    public let capacity: Int
    /// Rung by every push; the performer's sleep waits on it.
    public let bell = InputBell()
    private let state: Mutex<State>
    /// Every event pushed or dropped since the start (for the bounds tests and benchmarks).
    private let totals = Atomic<Int>(0)

    public init(capacity: Int = 1024) {
        precondition(capacity > 0)
        self.capacity = capacity
        var initial = State()
        initial.events.reserveCapacity(capacity)
        state = Mutex(initial)
    }

    /// Adds `event`; false (and counted) when the buffer is full.
    @discardableResult
    public func push(_ event: InputEvent) -> Bool {
        totals.add(1, ordering: .relaxed)
        let taken = state.withLock { state -> Bool in
            guard state.events.count < capacity else {
                state.dropped += 1
                return false
            }
            state.events.append(event)
            return true
        }
        if taken { bell.ring() }
        return taken
    }

    /// A line for the performer's log, from the reader's thread (a device came or went). At most 16 wait; more
    /// are dropped (a device flapping a thousand times a second is logged by its first lines).
    public func notice(_ line: String) {
        state.withLock { if $0.notices.count < 16 { $0.notices.append(line) } }
        bell.ring()
    }

    /// Takes up to `max` of the waiting events (oldest first), the drops counted since the last take, and the
    /// waiting notices.
    public func take(max: Int = .max) -> (events: [InputEvent], dropped: Int, notices: [String]) {
        state.withLock { state in
            let n = min(max, state.events.count)
            let events = Array(state.events.prefix(n))
            state.events.removeFirst(n)
            defer { state.dropped = 0; state.notices.removeAll() }
            return (events, state.dropped, state.notices)
        }
    }

    /// Events waiting now.
    public var count: Int { state.withLock { $0.events.count } }
    /// Events ever pushed (taken or dropped).
    public var pushed: Int { totals.load(ordering: .relaxed) }
}
