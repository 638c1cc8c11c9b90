import Basics
import Foundation

extension StandardMIDIFile {
    /// The file as the JSON of `yamg midi dump --json`, with the field names of the reference
    /// parsers' outputs (`shared/data/oracle`): notes as `[track, channel, pitch, velocity,
    /// start_tick, end_tick, start_s, end_s]` in canonical order, seconds rounded to 6 decimals.
    public func dumpJSON(file: String) -> String {
        let (notes, noteWarnings) = self.notes()
        var json = "{\"file\": \(jsonString(file)), \"format\": \(format), "
        switch division {
        case .ticksPerQuarter(let tpq):
            json += "\"ticks_per_quarter\": \(tpq), "
        case .smpte(let fps, let tpf):
            json += "\"ticks_per_quarter\": null, \"smpte\": {\"frames_per_second\": \(fps), \"ticks_per_frame\": \(tpf)}, "
        }
        json += "\"tracks\": \(tracks.count),\n \"notes\": ["
        for (i, n) in notes.sorted(by: Note.canonicalOrder).enumerated() {
            json += i == 0 ? "\n  " : ",\n  "
            json += "[\(n.track), \(n.channel), \(n.pitch), \(n.velocity), \(n.startTick), \(n.endTick), "
            json += "\(jsonSeconds(n.start)), \(jsonSeconds(n.end))]"
        }
        json += "],\n \"tempo_changes\": ["
        json += tempoChanges().map { "[\($0.tick), \($0.microsecondsPerQuarter)]" }.joined(separator: ", ")
        json += "],\n \"time_signatures\": ["
        json += timeSignatures().map { "[\($0.tick), \($0.numerator), \($0.denominator)]" }.joined(separator: ", ")
        json += "],\n \"duration_s\": \(jsonSeconds(durationSeconds)),\n \"warnings\": ["
        json += (warnings + noteWarnings).map { jsonString($0.description) }.joined(separator: ", ")
        return json + "]}"
    }
}

/// Seconds rounded to 6 decimals, without trailing zeros.
func jsonSeconds(_ s: Double) -> String {
    var text = String(format: "%.6f", s)
    while text.hasSuffix("0") && !text.hasSuffix(".0") { text.removeLast() }
    return text
}
