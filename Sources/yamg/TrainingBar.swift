import Foundation
import Models

/// Training progress on stderr: a redrawn line on a terminal (step, loss, tokens/s, ETA), a plain line
/// every 10 seconds otherwise; messages (validation results) on lines of their own.
final class TrainingBar {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastShown = Date.distantPast
    private var drawn = false

    func show(_ s: Trainer.Status) {
        let now = Date()
        guard now.timeIntervalSince(lastShown) >= (isTerminal ? 0.2 : 10) || s.step == s.totalSteps else { return }
        lastShown = now
        let width = 24, filled = s.totalSteps > 0 ? s.step * width / s.totalSteps : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = String(format: "[%@] step %d/%d epoch %d  loss %.4f  %.0f tok/s  ETA %@", bar, s.step, s.totalSteps,
                          s.epoch, s.trainLoss, s.tokensPerSecond, Self.duration(s.secondsLeft))
        if isTerminal {
            printErrorRaw("\r" + line + "   ")
            drawn = true
        } else {
            printError(line)
        }
    }

    func message(_ text: String) {
        if drawn { printErrorRaw("\n"); drawn = false }
        printError(text)
    }

    func finish() { if drawn { printErrorRaw("\n") } }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds)
        return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m" : (s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s")
    }
}
