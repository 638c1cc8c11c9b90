import Foundation
import NeuralNet

/// Loss, perplexity and top-1 accuracy of a model on a token array.
///
/// Windows of `rowLength` tokens start every `stride` tokens (the LSTM's sequence length, so each token
/// is predicted once; 1 for the seed network's windows); batches are consecutive groups of `batch`
/// windows, a last partial batch dropped; the model runs in evaluation mode (no dropout).
public struct Evaluation: Sendable, Equatable {
    public var loss: Double
    public var accuracy: Double
    public var positions: Int
    public var perplexity: Double { exp(loss) }

    public static func stride(of model: LanguageModel) -> Int {
        model.hyper.arch == .lstm ? model.hyper.seqLen : 1
    }

    public static func run(_ model: LanguageModel, tokens: [Int32], maxBatches: Int? = nil) -> Evaluation {
        let stride = stride(of: model), length = model.rowLength, batch = model.hyper.batch
        let windows = tokens.count >= length ? (tokens.count - length) / stride + 1 : 0
        var batches = windows / batch
        if let maxBatches { batches = min(batches, maxBatches) }
        var rows = [Int32](repeating: 0, count: batch * length)
        var lossSum = 0.0, correct = 0, positions = 0
        var unused = RNG(seed: 0)
        for b in 0..<batches {
            for r in 0..<batch {
                let start = (b * batch + r) * stride
                for i in 0..<length { rows[r * length + i] = tokens[start + i] }
            }
            let result = model.run(rows: rows, count: batch, training: false, rng: &unused)
            lossSum += result.lossSum
            correct += result.correct
            positions += model.positionsPerBatch
        }
        guard positions > 0 else { return Evaluation(loss: .nan, accuracy: .nan, positions: 0) }
        return Evaluation(loss: lossSum / Double(positions), accuracy: Double(correct) / Double(positions), positions: positions)
    }
}
