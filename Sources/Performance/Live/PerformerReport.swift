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
        /// Input events taken from the player, and those dropped (queue full, over the rate).
        public var inputEvents = 0
        public var inputDropped = 0
        /// Seconds from a player's note-on arriving to its token being in the model's state (accompany; with
        /// `Options.measureInput`; the newest 50,000 or more).
        public var contextLatencies: [Double] = []
        /// Seconds from the end of a player's call to the first answering note (respond).
        public var answerLatencies: [Double] = []
        /// Tokens of the player's notes fed into the model's context (accompany).
        public var playerTokens = 0
        /// The model's scheduled events taken back because the player struck their key first (accompany).
        public var withdrawn = 0
    }
}
