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
        Profile.measure(.softmax) { rowsInParallel(logits, targets: targets, rows: rows, classes: classes, gradient: gradient) }
    }

    private static func rowsInParallel(_ logits: UnsafeMutablePointer<Float>, targets: UnsafePointer<Int32>,
                                       rows: Int, classes: Int, gradient: Bool) -> Result {
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
            let target = Int(targets[r]), targetLogit = row[target]
            var largest = Lanes(repeating: -.infinity)
            Lanes.groups(0..<classes) { j, n in
                let v = Lanes(row + j, count: n, padding: -.infinity)
                largest.replace(with: v, where: v .> largest)
            }
            let maxValue = largest.max()
            // Top-1 is right when the target is the first of the largest logits (argmax takes the first).
            if targetLogit == maxValue && !(0..<target).contains(where: { row[$0] == maxValue }) { correct += 1 }
            var sums = Lanes()
            Lanes.groups(0..<classes) { j, n in
                fastExp(Lanes(row + j, count: n) - maxValue).store(to: row + j, count: n)
                sums += Lanes(row + j, count: n)  // re-read, so the lanes past a short last group add zero
            }
            let sum = sums.sum()
            lossSum += log(Double(sum)) + Double(maxValue) - Double(targetLogit)
            if gradient {
                let inv = scale / sum
                Lanes.groups(0..<classes) { j, n in (Lanes(row + j, count: n) * inv).store(to: row + j, count: n) }
                row[target] -= scale
            }
        }
        return (lossSum, correct)
    }
}

import Foundation
