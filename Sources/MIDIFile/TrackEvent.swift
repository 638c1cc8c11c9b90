/// One event of a track at an absolute tick: a channel message, a meta event or a sysex packet.
///
/// A plain value of 24 bytes with no references, so a track's events sit in one contiguous array
/// and reading a file allocates per track, never per event. Meta and sysex bytes live in the
/// owning `Track`'s `payload` buffer; `payloadStart`/`payloadCount` locate them.
public struct TrackEvent: Sendable, Equatable {
    /// Absolute time in ticks from the start of the track.
    public var tick: Int64
    /// 0x80–0xEF: channel message (type | channel); 0xFF: meta; 0xF0: sysex; 0xF7: sysex escape packet.
    public var status: UInt8
    /// Channel message: first data byte. Meta: the meta type.
    public var data1: UInt8
    /// Channel message: second data byte (0 for one-byte messages).
    public var data2: UInt8
    public var payloadStart: UInt32
    public var payloadCount: UInt32

    public init(tick: Int64, status: UInt8, data1: UInt8 = 0, data2: UInt8 = 0,
                payloadStart: UInt32 = 0, payloadCount: UInt32 = 0) {
        self.tick = tick
        self.status = status
        self.data1 = data1
        self.data2 = data2
        self.payloadStart = payloadStart
        self.payloadCount = payloadCount
    }

    public var isChannelMessage: Bool { status >= 0x80 && status < 0xF0 }
    public var isMeta: Bool { status == 0xFF }
    public var isSysex: Bool { status == 0xF0 || status == 0xF7 }
    /// The message type of a channel message (0x80 note-off, 0x90 note-on, 0xB0 control change, …).
    public var messageType: UInt8 { status & 0xF0 }
    public var channel: U4 { U4(truncating: status) }

    /// A note-on with velocity 0 means note-off, as running-status writers use it.
    public var isNoteOn: Bool { messageType == 0x90 && data2 > 0 }
    public var isNoteOff: Bool { messageType == 0x80 || (messageType == 0x90 && data2 == 0) }

    public static func noteOn(tick: Int64, channel: U4, pitch: U7, velocity: U7) -> TrackEvent {
        TrackEvent(tick: tick, status: 0x90 | channel.rawValue, data1: pitch.rawValue, data2: velocity.rawValue)
    }

    public static func noteOff(tick: Int64, channel: U4, pitch: U7, velocity: U7 = 0) -> TrackEvent {
        TrackEvent(tick: tick, status: 0x80 | channel.rawValue, data1: pitch.rawValue, data2: velocity.rawValue)
    }

    public static func programChange(tick: Int64, channel: U4, program: U7) -> TrackEvent {
        TrackEvent(tick: tick, status: 0xC0 | channel.rawValue, data1: program.rawValue)
    }

    public static func controlChange(tick: Int64, channel: U4, controller: U7, value: U7) -> TrackEvent {
        TrackEvent(tick: tick, status: 0xB0 | channel.rawValue, data1: controller.rawValue, data2: value.rawValue)
    }
}

/// How many data bytes follow a channel status byte: one for program change and channel pressure, else two.
@inline(__always)
func channelDataLength(_ status: UInt8) -> Int {
    let type = status & 0xF0
    return type == 0xC0 || type == 0xD0 ? 1 : 2
}
