import Performance
import Prometheus
import Synchronization

/// The control room's `GET /metrics`, in Prometheus' text format (swift-prometheus): what the performer counts and
/// times (it reports through ``PerformerMeters``), plus the control room's own WebSocket clients.
///
/// Counters and gauges are atomics; the two histograms take a lock held only to add one observation (and by a
/// scrape only to copy the buckets), so the performer's thread is never held up for long.
public final class ControlRoomMetrics: PerformerMeters {
    let registry = PrometheusCollectorRegistry()
    private let eventsSent: Counter
    private let lateEvents: Counter
    private let tokens: Counter
    private let secondsPerToken: ValueHistogram
    private let wakeLateness: ValueHistogram
    private let inputEvents: Counter
    private let droppedInput: Counter
    private let recordingBytes: Gauge
    private let webSocketClients: Gauge
    private let clients = Atomic(0)
    let webSocketDropped: Counter

    public init() {
        func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "yamg", metricName: metric, unitName: unit, helpText: help)
        }
        eventsSent = registry.makeCounter(descriptor: name("events_sent", "total", "MIDI events handed to the sinks."))
        lateEvents = registry.makeCounter(descriptor: name("late_events", "total", "Events made after they were due (sent at once)."))
        tokens = registry.makeCounter(descriptor: name("tokens_generated", "total", "Tokens sampled from the model."))
        secondsPerToken = registry.makeValueHistogram(
            descriptor: name("generation_seconds_per_token", "", "Wall time per token of each call to the generator (up to 64 tokens)."),
            buckets: [50e-6, 100e-6, 200e-6, 500e-6, 1e-3, 2e-3, 5e-3, 10e-3, 50e-3])
        wakeLateness = registry.makeValueHistogram(
            descriptor: name("tick_wake_lateness", "seconds", "How late the performer's thread woke for each tick (scheduling jitter)."),
            buckets: [50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2e-3, 5e-3, 10e-3, 50e-3])
        inputEvents = registry.makeCounter(descriptor: name("input_events", "total", "MIDI events played in by a musician."))
        droppedInput = registry.makeCounter(descriptor: name("input_dropped", "total", "MIDI input events dropped."))
        recordingBytes = registry.makeGauge(descriptor: name("recording", "bytes", "Size of the current recording file."))
        webSocketClients = registry.makeGauge(descriptor: name("websocket_clients", "", "Open WebSocket connections of /api/events."))
        webSocketDropped = registry.makeCounter(descriptor: name("websocket_dropped_events", "total",
                                                                 "Events a slow WebSocket client missed (the oldest go first)."))
    }

    public func sent(_ events: Int) { eventsSent.increment(by: Int64(events)) }
    public func late(_ events: Int) { lateEvents.increment(by: Int64(events)) }
    public func generated(tokens count: Int, seconds: Double) {
        guard count > 0 else { return }
        tokens.increment(by: Int64(count))
        secondsPerToken.record(seconds / Double(count))
    }
    public func woke(lateBy seconds: Double) { wakeLateness.record(seconds) }
    public func recording(bytes: Int) { recordingBytes.set(Double(bytes)) }
    public func received(_ events: Int) { inputEvents.increment(by: Int64(events)) }
    public func droppedInput(_ events: Int) { droppedInput.increment(by: Int64(events)) }

    /// A WebSocket client came (+1) or went (-1).
    func clientsChanged(by delta: Int) {
        let now = clients.add(delta, ordering: .relaxed).newValue
        webSocketClients.set(Double(now))
    }

    /// Open WebSocket connections now.
    var clientCount: Int { clients.load(ordering: .relaxed) }

    /// The exposition text.
    func text() -> String { registry.emitToString() }
}
