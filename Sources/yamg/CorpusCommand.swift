import ArgumentParser
import Encoding

/// `yamg corpus info CORPUS`: the manifest in human form.
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus", abstract: "Inspect token corpora.", subcommands: [Info.self])

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "info", abstract: "Counts, top tokens, pitch range and skipped files of a corpus.")

        @Argument(help: "The corpus folder (made by yamg preprocess).")
        var corpus: String

        @Option(help: "How many of the most frequent tokens to list.")
        var top = 10

        func run() throws {
            let loaded: Corpus
            do { loaded = try Corpus(contentsOf: corpus) } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
            let vocabulary = try loaded.vocabulary
            print(CorpusReport(manifest: loaded.manifest).summary(folder: corpus))
            var counts = [Int](repeating: 0, count: vocabulary.count)
            for t in loaded.train { counts[Int(t)] += 1 }
            let total = max(1, loaded.train.count)
            print("  top tokens (train):")
            for (id, n) in counts.enumerated().sorted(by: { $0.element > $1.element }).prefix(top) where n > 0 {
                print(String(format: "    %6.2f%%  %@", 100 * Double(n) / Double(total), vocabulary.names[id]))
            }
            let pitches = vocabulary.tokens.enumerated().filter { counts[$0.offset] > 0 }.flatMap { _, token -> [UInt8] in
                switch token {
                case .noteOn(let p): [p]
                case .frame(let c): c.pitches
                default: []
                }
            }
            if let low = pitches.min(), let high = pitches.max() {
                print("  pitch range (train): \(low)–\(high)")
            }
            for s in loaded.manifest.skipped {
                print("  skipped \(s.path): \(s.reason)")
            }
        }
    }
}
