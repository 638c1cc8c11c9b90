import Foundation

/// What `yamg midi info` shows of a file: a few lines a person can take in at a glance.
extension StandardMIDIFile {
    public func summary(file: String) -> String {
        let (notes, noteWarnings) = self.notes()
        var lines: [String] = []
        let divisionText: String
        switch division {
        case .ticksPerQuarter(let tpq): divisionText = "\(tpq) ticks per quarter"
        case .smpte(let fps, let tpf): divisionText = "SMPTE \(fps == 29 ? "29.97" : String(fps)) fps × \(tpf) ticks per frame"
        }
        lines.append("\(file): format \(format), \(divisionText), \(tracks.count) track\(tracks.count == 1 ? "" : "s")")
        let pitches = notes.map(\.pitch)
        let range = pitches.min().map { "\(noteName($0))–\(noteName(pitches.max()!))" } ?? "—"
        lines.append("  notes: \(notes.count), pitch range \(range), duration \(formatSeconds(durationSeconds))")
        let tempi = tempoChanges().map { 60_000_000 / Double($0.microsecondsPerQuarter) }
        if case .smpte = division {
            lines.append("  tempo: not used (SMPTE time)")
        } else if let low = tempi.min(), let high = tempi.max() {
            let text = abs(high - low) < 0.05 ? String(format: "%.1f bpm", low) : String(format: "%.1f–%.1f bpm", low, high)
            lines.append("  tempo: \(text) (\(tempi.count) change\(tempi.count == 1 ? "" : "s"))")
        } else {
            lines.append("  tempo: 120.0 bpm (default, no tempo event)")
        }
        let perTrack = Dictionary(grouping: notes, by: \.track)
        for (index, track) in tracks.enumerated() {
            let name = track.name.map { "\"\(displayText($0))\"" } ?? "(no name)"
            let own = perTrack[index] ?? []
            let programs = Set(own.map(\.program)).sorted().map(String.init).joined(separator: ",")
            let channels = Set(own.map { Int($0.channel) + 1 }).sorted().map(String.init).joined(separator: ",")
            var line = "  track \(index): \(name), \(track.events.count) events, \(own.count) notes"
            if !own.isEmpty { line += ", channel \(channels), program \(programs)" }
            lines.append(line)
        }
        let all = warnings + noteWarnings
        if !all.isEmpty {
            lines.append("  warnings: \(all.count)")
            lines += all.prefix(10).map { "    \($0)" }
            if all.count > 10 { lines.append("    … \(all.count - 10) more") }
        }
        return lines.joined(separator: "\n")
    }
}

/// Scientific pitch name: 60 is C4.
public func noteName(_ pitch: UInt8) -> String {
    let names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
    return "\(names[Int(pitch) % 12])\(Int(pitch) / 12 - 1)"
}

func formatSeconds(_ s: Double) -> String {
    let total = Int(s.rounded())
    return total >= 60 ? "\(total / 60):\(String(total % 60).leftPadded(to: 2)) (\(String(format: "%.2f", s)) s)"
                       : String(format: "%.2f s", s)
}

/// Bytes of a text event shown as text: UTF-8 where valid, else Latin-1 (which any byte decodes as).
func displayText(_ bytes: [UInt8]) -> String {
    let trimmed = bytes.prefix { $0 != 0 }
    return String(validating: trimmed, as: UTF8.self) ?? String(trimmed.map { Character(Unicode.Scalar($0)) })
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
