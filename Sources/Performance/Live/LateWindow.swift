/// Late events summed over a second, so a struggling generator makes one warning per second, not one per note.
struct LateWindow {
    private var count = 0
    private var worst = 0.0
    private var since = -Double.infinity

    mutating func count(lateness: Double) {
        count += 1
        worst = max(worst, lateness)
    }

    mutating func summary(now: Double) -> String? {
        guard count > 0, now - since >= 1 else { return nil }
        defer { count = 0; worst = 0; since = now }
        return "generator behind: \(count) event(s) late by up to \(Int(worst * 1000)) ms "
            + "(the model is too slow for this machine: try a larger --lookahead, more --threads if cores are free, or a smaller model)"
    }
}
