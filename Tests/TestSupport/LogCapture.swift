import Foundation
import Logging

/// A logger that keeps its messages, for tests that check what was logged.
public final class LogCapture: @unchecked Sendable {  // `stored` only under `lock`
    private let lock = NSLock()
    private var stored: [String] = []
    public var messages: [String] { lock.withLock { stored } }
    public var logger: Logger {
        var logger = Logger(label: "capture") { _ in Handler(capture: self) }
        logger.logLevel = .info
        return logger
    }

    public init() {}

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            capture.lock.withLock { capture.stored.append("\(event.message)") }
        }
    }
}
