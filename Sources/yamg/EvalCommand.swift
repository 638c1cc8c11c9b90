import ArgumentParser
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
        guard Evaluation.Split(rawValue: split) != nil else { throw ValidationError("--split must be train or val, got '\(split)'") }
    }

    func run() throws {
        Parallel.train(on: threads)
        let e: Evaluation
        do {
            // validate() has made sure the split is one of them.
            e = try Evaluation.run(model: model, corpus: corpus, split: Evaluation.Split(rawValue: split)!, maxBatches: maxBatches)
        } catch let error as Evaluation.Mismatch {
            throw ValidationError(error.description)
        }
        if json {
            print(String(format: "{\"loss\": %.8f, \"perplexity\": %.6f, \"accuracy\": %.6f, \"tokens\": %d, \"split\": \"%@\"}",
                         e.loss, e.perplexity, e.accuracy, e.positions, split))
        } else {
            print(String(format: "%@ on %@ (%@, %d tokens): loss %.4f per token, perplexity %.2f, top-1 accuracy %.1f%%",
                         model, corpus, split, e.positions, e.loss, e.perplexity, 100 * e.accuracy))
        }
    }
}
