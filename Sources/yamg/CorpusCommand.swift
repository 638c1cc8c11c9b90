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
            print(try CorpusReport.info(of: loaded, folder: corpus, top: top))
        }
    }
}
