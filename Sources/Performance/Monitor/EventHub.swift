import Synchronization

/// A broadcast of ``PerformanceEvent``s that never holds up the performer: one ring of the newest `capacity`
/// entries, numbered in order. Publishing is O(1) whatever the number of readers; each reader keeps its own
/// cursor (the number of the last entry it read) and takes what came since. A reader that falls more than
/// `capacity` entries behind loses the oldest and is told how many.
public final class EventHub: Sendable {
    /// What a reader gets: the entries after its cursor, the cursor to pass next time, and how many entries it
    /// missed because the ring had moved past them.
    public struct Batch: Sendable {
        public var events: [PerformanceEvent]
        public var cursor: UInt64
        public var dropped: Int
    }

    private struct Ring {
        var slots: [PerformanceEvent?]
        /// The number the next entry gets; entries `next - count ..< next` are held.
        var next: UInt64 = 0
    }

    public let capacity: Int
    private let ring: Mutex<Ring>

    public init(capacity: Int = 2048) {
        precondition(capacity > 0)
        self.capacity = capacity
        ring = Mutex(Ring(slots: Array(repeating: nil, count: capacity)))
    }

    /// Adds `event` (the oldest entry goes when the ring is full).
    public func publish(_ event: PerformanceEvent) {
        ring.withLock { ring in
            ring.slots[Int(ring.next % UInt64(capacity))] = event
            ring.next += 1
        }
    }

    /// The cursor of a reader that wants only what comes from now on.
    public var cursor: UInt64 { ring.withLock { $0.next } }

    /// The entries published after `cursor`, at most `limit` of them (the oldest first).
    public func read(after cursor: UInt64, limit: Int = 256) -> Batch {
        ring.withLock { ring in
            let oldest = ring.next >= UInt64(capacity) ? ring.next - UInt64(capacity) : 0
            let first = max(min(cursor, ring.next), oldest)
            let last = min(ring.next, first + UInt64(max(0, limit)))
            let events = (first..<last).map { ring.slots[Int($0 % UInt64(capacity))]! }
            return Batch(events: events, cursor: last, dropped: Int(first - min(cursor, ring.next)))
        }
    }
}
