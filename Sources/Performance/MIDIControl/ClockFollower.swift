/// Follows an incoming MIDI clock (`--sync midi-clock`): its tempo, from the timestamps of its pulses, and its
/// transport (Start, Continue, Stop). Pure: it is told what arrived and when, and says what the performance should
/// do; ``ClockSync`` carries that out.
///
/// The tempo is the slope of the last ``window`` pulses' times (a least-squares line through them), not the last
/// interval: a pulse delivered 3 ms early or late moves a 2-second line by far less than it moves one 21 ms interval,
/// so a jittering clock gives a steady tempo. A new tempo is reported once per quarter note at most, and only when
/// it differs from the last reported by more than ``deadband``. A clock that stops pulsing (no pulse for
/// ``timeout`` seconds) keeps its last tempo and is reported once; when it comes back, its line starts afresh.
public struct ClockFollower: Sendable {
    public static let pulsesPerQuarter = 24

    /// What the performance should do after an event.
    public enum Action: Equatable, Sendable {
        /// Play (Start, Continue).
        case play
        /// Stop playing, every note ended (Stop).
        case stop
        /// The clock's tempo, in quarter notes per minute.
        case tempo(Double)
        /// No pulse for ``timeout`` seconds: the last tempo holds.
        case vanished(lastTempo: Double?)
    }

    /// Pulses the tempo line goes through: 96 = four quarter notes (2 s at 120 bpm).
    public var window = 96
    /// The fewest pulses for a first tempo: one quarter note.
    public var minimumPulses = 24
    /// Relative change of tempo below which nothing is reported.
    public var deadband = 0.003
    /// Seconds without a pulse after which the clock counts as gone.
    public var timeout = 2.0

    private var times: [Double] = []
    private var sinceReport = 0
    public private(set) var tempo: Double?
    public private(set) var lastPulse: Double?
    private var vanished = false

    public init() {}

    /// A clock pulse (0xF8) that arrived at `time` seconds.
    public mutating func pulse(at time: Double) -> Action? {
        if let lastPulse, time - lastPulse >= timeout || time < lastPulse { times.removeAll() }
        lastPulse = time
        vanished = false
        times.append(time)
        if times.count > window { times.removeFirst(times.count - window) }
        sinceReport += 1
        guard times.count >= minimumPulses, let slope = Self.slope(times), slope > 0 else { return nil }
        let estimate = 60 / (slope * Double(Self.pulsesPerQuarter))
        guard let previous = tempo else {
            tempo = estimate
            sinceReport = 0
            return .tempo(estimate)
        }
        guard sinceReport >= Self.pulsesPerQuarter, abs(estimate / previous - 1) > deadband else { return nil }
        tempo = estimate
        sinceReport = 0
        return .tempo(estimate)
    }

    /// Start (0xFA) or Continue (0xFB).
    public mutating func start() -> Action { .play }

    /// Stop (0xFC).
    public mutating func stop() -> Action { .stop }

    /// Called now and then (each input poll): reports once that the clock is gone.
    public mutating func check(now: Double) -> Action? {
        guard let lastPulse, !vanished, now - lastPulse >= timeout else { return nil }
        vanished = true
        times.removeAll()
        return .vanished(lastTempo: tempo)
    }

    /// The least-squares slope of `times` against their index: seconds per pulse.
    static func slope(_ times: [Double]) -> Double? {
        let n = Double(times.count)
        guard times.count >= 2 else { return nil }
        let meanIndex = (n - 1) / 2
        let origin = times[0]
        let meanTime = times.reduce(0) { $0 + ($1 - origin) } / n
        var covariance = 0.0, variance = 0.0
        for (i, t) in times.enumerated() {
            let di = Double(i) - meanIndex
            covariance += di * (t - origin - meanTime)
            variance += di * di
        }
        return covariance / variance
    }
}
