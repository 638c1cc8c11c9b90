/// A readable listing of every event, one per line, for `yamg midi dump` without `--json`.
extension StandardMIDIFile {
    public func eventListing() -> String {
        var lines: [String] = []
        for (index, track) in tracks.enumerated() {
            lines.append("track \(index): \(track.events.count) events")
            for event in track.events {
                lines.append("  \(String(event.tick).leftPadded(to: 8)) \(describe(event, in: track))")
            }
        }
        lines += warnings.map { "warning: \($0)" }
        return lines.joined(separator: "\n")
    }

    private func describe(_ event: TrackEvent, in track: Track) -> String {
        if let meta = track.meta(event) {
            switch meta {
            case .text(let kind, let bytes): return "meta \(kind) \"\(displayText(bytes))\""
            case .tempo(let us): return "meta tempo \(us) µs/quarter (\(Double(60_000_000 / Double(us) * 100).rounded() / 100) bpm)"
            default: return "meta \(meta)"
            }
        }
        if event.isSysex {
            return "sysex 0x\(hex(event.status)) " + track.payload(of: event).map(hex).joined(separator: " ")
        }
        let ch = "ch \(event.channel.int + 1)"
        switch event.messageType {
        case 0x80: return "note-off \(ch) \(noteName(event.data1)) velocity \(event.data2)"
        case 0x90: return "note-on  \(ch) \(noteName(event.data1)) velocity \(event.data2)"
        case 0xA0: return "aftertouch \(ch) \(noteName(event.data1)) \(event.data2)"
        case 0xB0: return "control \(ch) cc \(event.data1) = \(event.data2)"
        case 0xC0: return "program \(ch) \(event.data1)"
        case 0xD0: return "pressure \(ch) \(event.data1)"
        default: return "pitch-bend \(ch) \(Int(event.data2) << 7 | Int(event.data1) - 8192)"
        }
    }
}
