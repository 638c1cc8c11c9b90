/// One track (an `MTrk` chunk): its events in file order, and the bytes of its meta and sysex events.
public struct Track: Sendable, Equatable {
    public var events: [TrackEvent]
    /// Meta and sysex data bytes, referenced by each event's `payloadStart`/`payloadCount`.
    public var payload: [UInt8]
    /// Whether the track ended with an end-of-track meta event.
    public var hasEndOfTrack: Bool

    public init(events: [TrackEvent] = [], payload: [UInt8] = []) {
        self.events = events
        self.payload = payload
        self.hasEndOfTrack = events.last.map { $0.isMeta && $0.data1 == 0x2F } ?? false
    }

    /// The data bytes of a meta or sysex event of this track (empty for channel messages).
    public func payload(of event: TrackEvent) -> ArraySlice<UInt8> {
        let start = Int(event.payloadStart)
        return payload[start..<start + Int(event.payloadCount)]
    }

    /// The typed value of a meta event, `nil` for other events.
    public func meta(_ event: TrackEvent) -> MetaEvent? {
        event.isMeta ? MetaEvent(type: event.data1, data: payload(of: event)) : nil
    }

    /// The bytes of the first track-name meta event, if any.
    public var name: [UInt8]? {
        events.first { $0.isMeta && $0.data1 == 0x03 }.map { Array(payload(of: $0)) }
    }

    /// The tick of the last event, which is the track's length.
    public var endTick: Int64 { events.last?.tick ?? 0 }

    public mutating func append(_ event: TrackEvent) {
        events.append(event)
    }

    /// Appends a meta event at `tick`.
    public mutating func append(_ meta: MetaEvent, at tick: Int64) {
        let (type, data) = meta.encoded
        appendData(tick: tick, status: 0xFF, type: type, data: data)
        if type == 0x2F { hasEndOfTrack = true }
    }

    /// Appends a sysex packet (`status` 0xF0, or 0xF7 for an escape/continuation packet) with its data bytes.
    public mutating func appendSysex(_ data: [UInt8], status: UInt8 = 0xF0, at tick: Int64) {
        appendData(tick: tick, status: status, type: 0, data: data)
    }

    mutating func appendData<Bytes: Collection<UInt8>>(tick: Int64, status: UInt8, type: UInt8, data: Bytes) {
        let start = UInt32(payload.count)
        payload.append(contentsOf: data)
        events.append(TrackEvent(tick: tick, status: status, data1: type,
                                 payloadStart: start, payloadCount: UInt32(data.count)))
    }
}
