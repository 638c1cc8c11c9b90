import Foundation
import Synchronization

/// Progress on stderr: a redrawn bar on a terminal, a plain line every few seconds otherwise (logs, CI).
final class Progress: Sendable {
    private let label: String
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let state = Mutex((lastPrint: 0.0, printedBar: false))
    private let start = Date()

    init(_ label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        let now = Date().timeIntervalSince(start)
        state.withLock { s in
            let interval = isTerminal ? 0.1 : 3.0
            guard now - s.lastPrint >= interval || (done == total && isTerminal) else { return }
            s.lastPrint = now
            let percent = total > 0 ? done * 100 / total : 100
            if isTerminal {
                let width = 30, filled = total > 0 ? done * width / total : width
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                printErrorRaw("\r\(label) [\(bar)] \(done)/\(total) (\(percent)%)  ")
                s.printedBar = true
            } else {
                printError("\(label): \(done)/\(total) (\(percent)%)")
            }
        }
    }

    /// Ends the bar's line, if one was drawn.
    func finish() {
        state.withLock { if $0.printedBar { printErrorRaw("\n") } }
    }
}
