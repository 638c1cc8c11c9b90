import MIDIFile

extension Performer {
    /// What a session did.
    public struct Report: Sendable {
        /// Session-clock time at which the session started (its recordings' time 0).
        public var start = 0.0
        public var seconds = 0.0
        public var events = 0
        public var lateEvents = 0
        /// The largest lateness of a late event, in seconds.
        public var maxLateness = 0.0
        public var pieces = 0
        public var tokens = 0
        /// Every recording file written, in order.
        public var recordings: [String] = []
        /// Sinks that failed during the session (and were silenced and dropped).
        public var failedSinks: [String] = []
        /// The events sent, at their session times (with `Options.keepSent`).
        public var sent: [TimedEvent] = []
    }
}
