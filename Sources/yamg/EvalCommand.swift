import ArgumentParser
import Encoding
import Foundation
import Models
import NeuralNet

/// `yamg eval MODEL CORPUS`: loss per token, perplexity and top-1 accuracy on a split.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Loss per token, perplexity and top-1 accuracy of a model on a corpus split.")

    @Argument(help: "The model file (.safetensors).") var model: String
    @Argument(help: "The corpus folder.") var corpus: String
    @Option(help: "train or val.") var split = "val"
    @Option(help: "Evaluate only the first N batches.") var maxBatches: Int?
    @Option(help: "Cores to use (threads for the products and the element-wise work).") var threads = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        guard ["train", "val"].contains(split) else { throw ValidationError("--split must be train or val, got '\(split)'") }
    }

    func run() throws {
        Parallel.train(on: threads)
        let (file, network) = try ModelFile.load(model)
        let data = try Corpus(contentsOf: corpus)
        guard data.manifest.vocabulary == file.vocabulary else {
            throw ValidationError("\(model) was trained on another vocabulary (\(file.vocabulary.count) tokens) than \(corpus) (\(data.manifest.vocabulary.count))")
        }
        let tokens = (split == "val" ? data.val : data.train).map { Int32($0) }
        let e = Evaluation.run(network, tokens: tokens, maxBatches: maxBatches)
        guard e.positions > 0 else { throw ValidationError("the \(split) split of \(corpus) is shorter than one batch") }
        if json {
            print(String(format: "{\"loss\": %.8f, \"perplexity\": %.6f, \"accuracy\": %.6f, \"tokens\": %d, \"split\": \"%@\"}",
                         e.loss, e.perplexity, e.accuracy, e.positions, split))
        } else {
            print(String(format: "%@ on %@ (%@, %d tokens): loss %.4f per token, perplexity %.2f, top-1 accuracy %.1f%%",
                         model, corpus, split, e.positions, e.loss, e.perplexity, 100 * e.accuracy))
        }
    }
}
