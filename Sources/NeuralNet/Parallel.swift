import Foundation

/// How many threads element-wise loops split their rows over (the matrix products use OpenBLAS's own).
public enum Parallel {
    nonisolated(unsafe) public static var workers = ProcessInfo.processInfo.activeProcessorCount
}
