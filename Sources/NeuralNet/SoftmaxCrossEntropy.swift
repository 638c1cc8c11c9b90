/// Softmax and cross-entropy in one pass: from logits [rows, V] and target ids, the mean loss, the count
/// of rows whose top logit is the target, and (in place of the logits) the gradient (softmax − onehot)/rows.
public enum SoftmaxCrossEntropy {
    public struct Result {
        /// Sum over rows of −log p(target), in double for an exact mean over many batches.
        public var lossSum: Double
        public var correct: Int
    }

    public static func forwardBackward(_ logits: UnsafeMutablePointer<Float>, targets: UnsafePointer<Int32>,
                                       rows: Int, classes: Int, gradient: Bool = true) -> Result {
        let scale = 1 / Float(rows)
        // Rows are independent: each worker sums its own rows; partial sums are added in worker order,
        // so the result does not depend on thread timing.
        var partial = [(loss: Double, correct: Int)](repeating: (0, 0), count: Parallel.chunkCount(rows, minimum: 256))
        partial.withUnsafeMutableBufferPointer { partial in
            nonisolated(unsafe) let partial = partial
            Parallel.chunks(rows, minimum: 256) { k, range in
                partial[k] = rowsLoss(logits, targets, range, classes, scale, gradient)
            }
        }
        return Result(lossSum: partial.reduce(0) { $0 + $1.loss }, correct: partial.reduce(0) { $0 + $1.correct })
    }

    private static func rowsLoss(_ logits: UnsafeMutablePointer<Float>, _ targets: UnsafePointer<Int32>, _ rows: Range<Int>,
                                 _ classes: Int, _ scale: Float, _ gradient: Bool) -> (loss: Double, correct: Int) {
        var lossSum = 0.0, correct = 0
        for r in rows {
            let row = logits + r * classes
            var maxValue = row[0], argmax = 0
            for j in 1..<classes where row[j] > maxValue { maxValue = row[j]; argmax = j }
            let target = Int(targets[r])
            if argmax == target { correct += 1 }
            let targetLogit = row[target]
            var sum: Float = 0
            for j in 0..<classes {
                let e = fastExp(row[j] - maxValue)
                row[j] = e
                sum += e
            }
            lossSum += Double(log(sum) + maxValue - targetLogit)
            if gradient {
                let inv = scale / sum
                for j in 0..<classes { row[j] *= inv }
                row[target] -= scale
            }
        }
        return (lossSum, correct)
    }
}

import Foundation
