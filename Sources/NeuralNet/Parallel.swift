import Foundation

/// How many cores training uses: `team` has this many threads, over which the large products
/// (`BLAS.gemm`), the LSTM's time loop and the element-wise loops split their work.
public enum Parallel {
    nonisolated(unsafe) public static var workers = ProcessInfo.processInfo.activeProcessorCount
}

extension Parallel {
    /// Sets up training on `threads` cores: a team of that many, and OpenBLAS on one thread, since the
    /// large products split themselves over the team (`BLAS.gemm`).
    public static func train(on threads: Int) {
        workers = threads
        BLAS.threads = 1
    }

    /// Runs `body` over 0..<count split in one contiguous range per worker of `team`, when the work is
    /// large enough to pay for the hand-off (elements are independent: each range is touched by one
    /// thread only). `body` gets the chunk's index (0..<`chunkCount(count, minimum:)`) and its range.
    public static func chunks(_ count: Int, minimum: Int = 32_768, _ body: (Int, Range<Int>) -> Void) {
        let n = chunkCount(count, minimum: minimum)
        let range = { (k: Int) in count * k / n..<count * (k + 1) / n }
        let shared = team
        guard n > 1, n == shared.count, !Team.isInsideRun else { return (0..<n).forEach { body($0, range($0)) } }
        shared.run { body($0.index, range($0.index)) }
    }

    /// Runs `body` over rows 0..<count split over the team when the rows hold enough floats (`width` each)
    /// to pay for the hand-off; rows are independent.
    public static func rows(_ count: Int, width: Int, _ body: (Range<Int>) -> Void) {
        guard count * width >= 32_768 else { return body(0..<count) }
        team.run { body($0.share(of: count)) }
    }

    public static func chunkCount(_ count: Int, minimum: Int) -> Int { count >= minimum ? max(1, workers) : 1 }
}

extension Parallel {
    /// Sets up generation on `threads` cores: the team that splits a float16 step (`HalfLSTMStepper`) and
    /// OpenBLAS's threads for the float32 one.
    public static func generate(on threads: Int) {
        workers = threads
        BLAS.threads = threads
    }
}
