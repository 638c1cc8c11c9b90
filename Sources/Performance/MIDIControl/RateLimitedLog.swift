/// At most one log line per `interval` seconds for a kind of event that may come in a flood (a controller's
/// refused values, a clock's glitches): the first is said at once, the next after the interval with how many were
/// left unsaid.
public struct RateLimitedLog: Sendable {
    public var interval: Double
    private var lastLine = -Double.infinity
    private var unsaid = 0

    public init(interval: Double) { self.interval = interval }

    /// The line to log now for `message`, or nil while the last line is too recent (the event is counted).
    public mutating func line(_ message: String, now: Double) -> String? {
        guard now - lastLine >= interval else {
            unsaid += 1
            return nil
        }
        let line = unsaid > 0 ? "\(message) (and \(unsaid) more in the last \(Int((now - lastLine).rounded())) s)" : message
        lastLine = now
        unsaid = 0
        return line
    }
}
