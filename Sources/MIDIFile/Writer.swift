extension StandardMIDIFile {
    /// The file as Standard MIDI File bytes: `MThd` then one `MTrk` per track.
    ///
    /// Channel messages use running status (sysex and meta events reset it, as the spec says, so strict
    /// readers agree); events are written in tick order (a stable sort if they are not); a track that
    /// lacks an end-of-track event gets one at its last tick. Reading the result gives back the same
    /// events and notes. A header counts at most 65535 tracks: tracks beyond that are not written.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(14 + tracks.reduce(0) { $0 + 8 + $1.events.count * 4 + $1.payload.count })
        out += Array("MThd".utf8)
        out.appendUInt32(6)
        out.appendUInt16(format)
        let written = tracks.prefix(Int(UInt16.max))
        out.appendUInt16(UInt16(written.count))
        out.appendUInt16(division.headerValue)
        for track in written {
            out += Array("MTrk".utf8)
            let lengthAt = out.count
            out.appendUInt32(0)
            Self.writeEvents(of: track, to: &out)
            out.replaceUInt32(at: lengthAt, with: UInt32(out.count - lengthAt - 4))
        }
        return out
    }

    private static func writeEvents(of track: Track, to out: inout [UInt8]) {
        var events = track.events
        if zip(events, events.dropFirst()).contains(where: { $0.tick > $1.tick }) {
            events = events.stableSorted { $0.tick }
        }
        var tick: Int64 = 0
        var running: UInt8 = 0
        var ended = false
        for event in events where !ended {
            out.appendVLQ(UInt32(clamping: max(0, event.tick - tick)))
            tick = max(tick, event.tick)
            if event.isChannelMessage {
                if event.status != running { out.append(event.status) }
                running = event.status
                out.append(event.data1 & 0x7F)
                if channelDataLength(event.status) == 2 { out.append(event.data2 & 0x7F) }
                continue
            }
            running = 0
            out.append(event.status)
            if event.isMeta { out.append(event.data1) }
            let payload = track.payload(of: event)
            out.appendVLQ(UInt32(payload.count))
            out += payload
            ended = event.isMeta && event.data1 == 0x2F
        }
        if !ended {
            out += [0x00, 0xFF, 0x2F, 0x00]
        }
    }
}

extension [UInt8] {
    mutating func appendUInt32(_ v: UInt32) {
        append(contentsOf: [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)])
    }

    mutating func appendUInt16(_ v: UInt16) {
        append(contentsOf: [UInt8(v >> 8), UInt8(v & 0xFF)])
    }

    mutating func replaceUInt32(at index: Int, with v: UInt32) {
        self[index] = UInt8(v >> 24)
        self[index + 1] = UInt8(v >> 16 & 0xFF)
        self[index + 2] = UInt8(v >> 8 & 0xFF)
        self[index + 3] = UInt8(v & 0xFF)
    }

    /// A variable-length quantity: big-endian groups of 7 bits, the high bit set on all but the last.
    /// Values above 0x0FFFFFFF (the 4-byte limit) are clamped.
    mutating func appendVLQ(_ value: UInt32) {
        let v = Swift.min(value, 0x0FFF_FFFF)
        var shift: UInt32 = 21
        while shift > 0 && v >> shift == 0 { shift -= 7 }
        while shift > 0 {
            append(UInt8(v >> shift & 0x7F) | 0x80)
            shift -= 7
        }
        append(UInt8(v & 0x7F))
    }
}
