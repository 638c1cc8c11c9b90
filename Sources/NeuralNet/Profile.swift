import Foundation
import Synchronization

/// Where a training step's wall time goes, for `yamg bench train --profile`: matrix products (split into
/// the small-M products of the LSTM recurrence and the rest), the softmax with its loss, and the optimizer.
/// Off by default; when off, `measure` is one branch. Only the thread that enabled it records time, so
/// time spent by several cores at once is counted once, as wall time; every thread's arithmetic counts.
public enum Profile {
    public enum Kind: Int, CaseIterable, Sendable {
        case products, recurrentProducts, softmax, optimizer

        public var name: String {
            switch self {
            case .products: "products"
            case .recurrentProducts: "recurrent_products"
            case .softmax: "softmax"
            case .optimizer: "optimizer"
            }
        }
    }

    nonisolated(unsafe) public private(set) static var isEnabled = false
    nonisolated(unsafe) private static var owner = pthread_self()
    nonisolated(unsafe) public private(set) static var seconds = [Double](repeating: 0, count: Kind.allCases.count)
    private static let flopCounts = Mutex([Double](repeating: 0, count: Kind.allCases.count))
    /// Floating-point operations of the products recorded (2·m·n·k each), per kind.
    public static var flops: [Double] { flopCounts.withLock { $0 } }

    /// Starts recording on the calling thread, from zero.
    public static func enable() {
        owner = pthread_self()
        seconds = seconds.map { _ in 0 }
        flopCounts.withLock { $0 = $0.map { _ in 0 } }
        isEnabled = true
    }

    public static func disable() { isEnabled = false }

    @inline(__always)
    public static func measure<R>(_ kind: Kind, flops count: Double = 0, _ body: () throws -> R) rethrows -> R {
        guard isEnabled else { return try body() }
        if count > 0 { flopCounts.withLock { $0[kind.rawValue] += count } }
        guard pthread_equal(owner, pthread_self()) != 0 else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        defer { seconds[kind.rawValue] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        return try body()
    }
}
