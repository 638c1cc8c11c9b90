import Foundation

/// `bench train --profile`: the recorded `Profile` per step, what is left (the element-wise loops and
/// the rest), and the products' arithmetic against the sgemm ceiling: the rate of one large square
/// product on the same threads, the most OpenBLAS gets out of these cores.
public struct StepProfile: Sendable {
    /// Milliseconds per step, per kind, then "elementwise" for the rest of the step.
    public let parts: [(name: String, ms: Double)]
    public let stepMilliseconds: Double
    public let gflops: Double, ceilingGflops: Double

    /// Reads `Profile` as recorded over the steps that took `times` milliseconds, and times the ceiling.
    public init(stepsMilliseconds times: [Double]) {
        let steps = Double(times.count)
        stepMilliseconds = times.reduce(0, +) / steps
        var parts = Profile.Kind.allCases.map { (name: $0.name, ms: Profile.seconds[$0.rawValue] * 1000 / steps) }
        parts.append((name: "elementwise", ms: stepMilliseconds - parts.reduce(0) { $0 + $1.ms }))
        self.parts = parts
        gflops = Profile.flops.reduce(0, +) / steps / (stepMilliseconds / 1000) / 1e9
        ceilingGflops = Self.sgemmCeiling()
    }

    /// GFLOP/s of the best of five 1024 × 1024 × 1024 products.
    public static func sgemmCeiling() -> Double {
        let n = 1024
        let a = Buffer(n * n), c = Buffer(n * n)
        for i in 0..<n * n { a[i] = Float(i % 7) * 0.1 }
        var best = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            BLAS.gemm(false, false, m: n, n: n, k: n, a.pointer, lda: n, a.pointer, ldb: n, beta: 0, c.pointer, ldc: n)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return 2 * Double(n * n * n) / best / 1e9
    }

    /// The breakdown as `bench train --profile` prints it.
    public var table: String {
        let rows = parts.map { "  " + $0.name.padding(toLength: 20, withPad: " ", startingAt: 0)
            + String(format: "%8.1f ms  %5.1f %%", $0.ms, 100 * $0.ms / stepMilliseconds) }
        return (["where a step's time goes:"] + rows
            + [String(format: "  products: %.0f GFLOP/s over the step; sgemm ceiling %.0f GFLOP/s (%.0f %%)",
                      gflops, ceilingGflops, 100 * gflops / ceilingGflops)]).joined(separator: "\n")
    }

    /// The same figures as a JSON object.
    public var json: String {
        let fields = parts.map { String(format: "\"%@_ms\": %.1f", $0.name, $0.ms) }
            + [String(format: "\"gflops\": %.1f, \"sgemm_ceiling_gflops\": %.1f, \"ceiling_share\": %.3f",
                      gflops, ceilingGflops, gflops / ceilingGflops)]
        return "{" + fields.joined(separator: ", ") + "}"
    }
}
