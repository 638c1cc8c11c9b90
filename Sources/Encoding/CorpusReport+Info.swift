import Foundation

extension CorpusReport {
    /// `yamg corpus info`: the summary, the `top` most frequent training tokens with their share, the pitches
    /// the training split uses, and every skipped file. Throws if the manifest's vocabulary does not parse.
    public static func info(of corpus: Corpus, folder: String, top: Int) throws(Corpus.LoadError) -> String {
        let vocabulary = try corpus.vocabulary
        var lines = [CorpusReport(manifest: corpus.manifest).summary(folder: folder)]
        var counts = [Int](repeating: 0, count: vocabulary.count)
        for t in corpus.train { counts[Int(t)] += 1 }
        let total = max(1, corpus.train.count)
        lines.append("  top tokens (train):")
        for (id, n) in counts.enumerated().sorted(by: { $0.element > $1.element }).prefix(top) where n > 0 {
            lines.append(String(format: "    %6.2f%%  %@", 100 * Double(n) / Double(total), vocabulary.names[id]))
        }
        let pitches = vocabulary.tokens.enumerated().filter { counts[$0.offset] > 0 }.flatMap { _, token -> [UInt8] in
            switch token {
            case .noteOn(let p): [p]
            case .frame(let c): c.pitches
            default: []
            }
        }
        if let low = pitches.min(), let high = pitches.max() {
            lines.append("  pitch range (train): \(low)–\(high)")
        }
        for s in corpus.manifest.skipped {
            lines.append("  skipped \(s.path): \(s.reason)")
        }
        return lines.joined(separator: "\n")
    }
}
