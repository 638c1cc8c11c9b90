import Generation

/// The performer's log of control changes, at most one line per ``interval`` seconds: a single change (a reload, a
/// click) is logged at once, but a knob turned for a while, or a clock nudging the speed, would fill the journal at
/// the tick rate, so changes within the interval after a line are held and said together in the next one
/// (`temperature 1 → 1.4`, from the value before the first to the latest). Every change still applies at once.
struct ChangeLog {
    var interval = 1.0
    private var lastLine = -Double.infinity
    /// The controls before the first change not yet logged, and who asked.
    private var held: (before: Controls, sources: [String])?

    /// A change applied at `now`; returns the line to log now, or nil when it is held.
    mutating func changed(from old: Controls, to new: Controls, sources: [String], now: Double) -> String? {
        if var held {
            for source in sources where !held.sources.contains(source) { held.sources.append(source) }
            self.held = held
        } else {
            held = (old, sources)
        }
        return due(current: new, now: now)
    }

    /// The held changes' line once the interval has passed (called every tick), or nil.
    mutating func due(current: Controls, now: Double) -> String? {
        guard let held, now - lastLine >= interval else { return nil }
        self.held = nil
        let summary = current.changeSummary(from: held.before)
        guard !summary.isEmpty else { return nil }  // turned back to where it was
        lastLine = now
        return "controls (\(held.sources.joined(separator: ", "))): \(summary)"
    }
}
