import Synchronization

/// How a running performance is doing, as the performer last wrote it (once per tick): what the control room's
/// `GET /api/state` and `yamg ctl status` show.
public struct PerformanceStatus: Sendable, Equatable {
    /// Session time of the latest tick, and of the start (the session clock starts before the music).
    public var now = 0.0
    public var start = 0.0
    public var events = 0
    public var lateEvents = 0
    public var tokens = 0
    public var pieces = 0
    public var paused = false
    /// The model playing (its path as given), and what it is ("lstm, performance encoding, 390 tokens").
    public var model = ""
    public var modelInfo = ""
    /// The sinks playing, by name, and those that failed and left.
    public var sinks: [String] = []
    public var failedSinks: [String] = []
    /// The file being recorded, and the session time of its time 0; nil without a recording.
    public var recording: String?
    public var recordingStart = 0.0
    /// Whether the session has ended.
    public var finished = false

    public init() {}
}

/// The performer's status, written by its thread and read by anyone: a copy under a lock held only to copy.
public final class StatusBoard: Sendable {
    private let status = Mutex(PerformanceStatus())

    public init() {}

    public var current: PerformanceStatus { status.withLock { $0 } }

    func update(_ body: (inout PerformanceStatus) -> Void) { status.withLock { body(&$0) } }
}
