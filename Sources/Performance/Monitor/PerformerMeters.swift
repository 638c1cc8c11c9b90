/// Where the performer reports what it counts and times, for a metrics exporter (the control room's
/// Prometheus `/metrics`). Called on the performer's thread, so every call must return at once: no I/O, no
/// waiting on a lock that someone may hold for long. Every method does nothing unless implemented.
public protocol PerformerMeters: Sendable {
    /// Events handed to the sinks.
    func sent(_ events: Int)
    /// Events that were due before they were made (sent at once).
    func late(_ events: Int)
    /// `tokens` sampled in one call to the generator, which took `seconds` of wall time.
    func generated(tokens: Int, seconds: Double)
    /// The loop woke this long after the time it asked for (the scheduling jitter of the performer's thread).
    func woke(lateBy seconds: Double)
    /// The current recording file holds `bytes` after its latest rewrite.
    func recording(bytes: Int)
    /// Events played in by a musician and taken (MIDI input).
    func received(_ events: Int)
    /// Input events dropped (a full input buffer).
    func droppedInput(_ events: Int)
}

extension PerformerMeters {
    public func sent(_ events: Int) {}
    public func late(_ events: Int) {}
    public func generated(tokens: Int, seconds: Double) {}
    public func woke(lateBy seconds: Double) {}
    public func recording(bytes: Int) {}
    public func received(_ events: Int) {}
    public func droppedInput(_ events: Int) {}
}

/// Meters that count nothing (a performer without a control room).
public struct NoMeters: PerformerMeters {
    public init() {}
}
