/// Decodes the events of one `MTrk` chunk.
///
/// Lenient where real files need it, strict where guessing would invent data:
/// - running status is kept across meta and sysex events (the spec says they cancel it, but real
///   files keep using it, and mido reads them so);
/// - a status byte where a data byte belongs drops the cut event and is read as the next event's status;
/// - system common and real-time bytes (F1–F6, F8–FE), which have no place in a file, are skipped with
///   their data bytes;
/// - anything cut short by the end of the chunk ends the track with a warning.
/// Every loop step consumes at least one byte, so no input can make it hang.
struct TrackParser {
    let bytes: UnsafePointer<UInt8>
    var position: Int
    let end: Int
    let trackIndex: Int
    var warnings: [MIDIWarning] = []

    init(bytes: UnsafePointer<UInt8>, range: Range<Int>, trackIndex: Int) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
        self.trackIndex = trackIndex
    }

    mutating func warn(_ offset: Int, _ message: String) {
        warnings.append(MIDIWarning(offset: offset, message: "track \(trackIndex): \(message)"))
    }

    /// A variable-length quantity: 7 bits a byte, high bit set on all but the last; at most 4 bytes (28 bits).
    /// `nil` when the chunk ends inside it, -1 when it runs longer than 4 bytes.
    @inline(__always)
    mutating func readVLQ() -> Int? {
        var value = 0
        for _ in 0..<4 {
            guard position < end else { return nil }
            let byte = bytes[position]
            position += 1
            value = value << 7 | Int(byte & 0x7F)
            if byte < 0x80 { return value }
        }
        return -1
    }

    /// Reads a length-prefixed payload (meta or sysex); `nil` (with a warning) when the chunk is cut short.
    mutating func readPayload(_ what: @autoclosure () -> String, at offset: Int) -> Range<Int>? {
        guard let length = readVLQ(), length >= 0 else {
            warn(offset, "\(what()) has a bad or truncated length; rest of track skipped")
            return nil
        }
        guard length <= end - position else {
            warn(offset, "\(what()) claims \(length) bytes but only \(end - position) remain; rest of track skipped")
            return nil
        }
        defer { position += length }
        return position..<position + length
    }

    mutating func parse() -> Track {
        var events: [TrackEvent] = []
        events.reserveCapacity((end - position) / 3)
        var payload: [UInt8] = []
        var tick: Int64 = 0
        var running: UInt8 = 0
        var hasEndOfTrack = false
        var needsDelta = true

        while position < end {
            let eventStart = position
            if needsDelta {
                guard let delta = readVLQ() else {
                    warn(eventStart, "truncated delta time; rest of track skipped")
                    break
                }
                guard delta >= 0 else {
                    warn(eventStart, "delta time longer than 4 bytes; rest of track skipped")
                    break
                }
                tick += Int64(delta)
                guard position < end else {
                    warn(eventStart, "delta time without an event; rest of track skipped")
                    break
                }
            }
            needsDelta = true
            var status = bytes[position]
            if status >= 0x80 {
                position += 1
            } else if running != 0 {
                status = running
            } else {
                warn(position, "data byte 0x\(hex(status)) without a running status; skipped")
                position += 1
                continue
            }

            switch status {
            case 0x80..<0xF0:
                let count = channelDataLength(status)
                guard end - position >= count else {
                    warn(eventStart, "channel message cut short by the end of the track; dropped")
                    position = end
                    continue
                }
                let d1 = bytes[position]
                let d2 = count == 2 ? bytes[position + 1] : 0
                if d1 >= 0x80 || d2 >= 0x80 {
                    let bad = d1 >= 0x80 ? position : position + 1
                    warn(bad, "status byte 0x\(hex(bytes[bad])) where a data byte belongs; the cut message is dropped")
                    position = bad
                    needsDelta = false
                    continue
                }
                position += count
                running = status
                events.append(TrackEvent(tick: tick, status: status, data1: d1, data2: d2))

            case 0xFF:
                guard position < end else {
                    warn(eventStart, "meta event cut short by the end of the track; rest of track skipped")
                    continue
                }
                let type = bytes[position]
                position += 1
                guard let range = readPayload("meta event 0x\(hex(type))", at: eventStart) else {
                    position = end
                    continue
                }
                events.append(TrackEvent(tick: tick, status: 0xFF, data1: type,
                                         payloadStart: UInt32(payload.count), payloadCount: UInt32(range.count)))
                payload.append(contentsOf: UnsafeBufferPointer(start: bytes + range.lowerBound, count: range.count))
                if type == 0x2F {
                    hasEndOfTrack = true
                    if position < end {
                        warn(position, "\(end - position) bytes after end-of-track ignored")
                    }
                    position = end
                }

            case 0xF0, 0xF7:
                guard let range = readPayload("sysex event", at: eventStart) else {
                    position = end
                    continue
                }
                events.append(TrackEvent(tick: tick, status: status,
                                         payloadStart: UInt32(payload.count), payloadCount: UInt32(range.count)))
                payload.append(contentsOf: UnsafeBufferPointer(start: bytes + range.lowerBound, count: range.count))

            default:
                // System common (F1–F6) and real-time (F8–FE) messages belong on a wire, not in a file.
                let dataCount = status == 0xF2 ? 2 : (status == 0xF1 || status == 0xF3 ? 1 : 0)
                var skipped = 0
                while skipped < dataCount, position < end, bytes[position] < 0x80 {
                    position += 1
                    skipped += 1
                }
                warn(eventStart, "system message 0x\(hex(status)) is not allowed in a MIDI file; skipped")
            }
        }
        if !hasEndOfTrack {
            warn(end, "no end-of-track event")
        }
        var track = Track(events: events, payload: payload)
        track.hasEndOfTrack = hasEndOfTrack
        return track
    }
}

/// Two upper-case hex digits, as byte values are shown in messages.
func hex(_ byte: UInt8) -> String {
    let text = String(byte, radix: 16, uppercase: true)
    return byte < 16 ? "0" + text : text
}
