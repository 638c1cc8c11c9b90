import Foundation

/// Human-readable views of a corpus manifest, for `preprocess` and `corpus info`.
public struct CorpusReport {
    public var manifest: CorpusManifest
    public init(manifest: CorpusManifest) { self.manifest = manifest }

    public func summary(folder: String, seconds: Double? = nil) -> String {
        let m = manifest
        var lines: [String] = []
        let took = seconds.map { String(format: " in %.1f s", $0) } ?? ""
        lines.append("\(folder): \(m.files.count) files used, \(m.skipped.count) skipped\(took)")
        lines.append("  encoding: \(m.encoding.kind.rawValue)" + (m.encoding.kind == .combination
            ? String(format: " (%.0f frames/s%@)", m.encoding.framesPerSecond, m.encoding.attackMarks ? ", attack marks" : ", no attack marks") : ""))
        lines.append("  vocabulary: \(m.vocabulary.count) tokens (\(m.tokenDtype))")
        for (name, s) in [("train", m.train), ("val", m.val)] {
            // Pieces and tokens count the transposed copies (what training sees); notes and hours the music itself.
            let copies = s.pieces > s.files ? " (with transposed copies)" : ""
            lines.append(String(format: "  %@: %d files, %d pieces, %d tokens%@, %d notes, %.2f hours of music",
                                name, s.files, s.pieces, s.tokens, copies, s.notes, s.seconds / 3600))
        }
        if m.transposedNotesDropped > 0 {
            lines.append("  transposition dropped \(m.transposedNotesDropped) notes outside 0–127")
        }
        if let r = m.rareCombinations, r.mappedCombinations > 0 {
            lines.append(String(format: "  --min-count %d: %d rare combinations mapped, %d of %d frames changed (%.2f%%)",
                                m.options.minCount, r.mappedCombinations, r.changedFrames, r.totalFrames,
                                100 * Double(r.changedFrames) / Double(max(1, r.totalFrames))))
        }
        let reasons = Dictionary(grouping: m.skipped, by: \.reason).sorted { $0.value.count > $1.value.count }
        for (reason, files) in reasons {
            lines.append("  skipped \(files.count): \(reason)")
        }
        return lines.joined(separator: "\n")
    }
}
