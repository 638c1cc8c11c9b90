import Dispatch
import Foundation

/// How many threads element-wise loops split their rows over (the matrix products use OpenBLAS's own).
public enum Parallel {
    nonisolated(unsafe) public static var workers = ProcessInfo.processInfo.activeProcessorCount
}

extension Parallel {
    /// Runs `body` over 0..<count split in one contiguous range per worker, when the work is large enough
    /// to pay for the hand-off (elements are independent: each range is touched by one thread only).
    /// `body` gets the chunk's index (0..<`chunkCount(count, minimum:)`) and its range.
    public static func chunks(_ count: Int, minimum: Int = 32_768, _ body: (Int, Range<Int>) -> Void) {
        let n = chunkCount(count, minimum: minimum)
        guard n > 1 else { return body(0, 0..<count) }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: n) { k in
                body(k, count * k / n..<count * (k + 1) / n)
            }
        }
    }

    public static func chunkCount(_ count: Int, minimum: Int) -> Int { count >= minimum ? max(1, workers) : 1 }
}
