import Foundation
import Kernels
import Kernels512

/// Which loop multiplies a `HalfMatrix`: the AVX-512 one where the CPU has it, else the AVX2 + F16C one, else
/// plain Swift (any CPU: the conversion in software). All three give the same products up to the order of the
/// float sums. `best` is chosen once from the CPU's flags; tests and `yamg bench generate --kernel` name one to run
/// the others on the same machine.
public enum HalfKernel: String, CaseIterable, Sendable {
    case avx512, avx2, portable

    /// The fastest kernel this CPU runs.
    public static let best: HalfKernel = allCases.first { $0.isAvailable }!

    public var isAvailable: Bool {
        #if arch(x86_64)
        switch self {
        // What `-target-cpu skylake-avx512` (Kernels512) and `haswell` (Kernels) may emit.
        case .avx512: CPUFlags.has("avx512f", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma", "f16c")
        case .avx2: CPUFlags.has("avx2", "fma", "f16c")
        case .portable: true
        }
        #else
        self == .portable
        #endif
    }

    /// y[16·p] for p in `panels` (+)= the panels' rows · x; `packed` starts at panel 0, each `k` columns.
    @inline(__always)
    func multiply(panels: Range<Int>, k: Int, _ packed: UnsafePointer<UInt16>, _ x: UnsafePointer<Float>,
                  _ y: UnsafeMutablePointer<Float>, accumulate: Bool) {
        let first = packed + panels.lowerBound * k * 16, out = y + panels.lowerBound * 16
        switch self {
        case .avx512: HalfProduct512.multiply(panels: panels.count, k: k, first, x, out, accumulate: accumulate)
        case .avx2: HalfProduct.multiply(panels: panels.count, k: k, first, x, out, accumulate: accumulate)
        case .portable: Self.portable(panels: panels.count, k: k, first, x, out, accumulate: accumulate)
        }
    }

    /// The sum of `count` float16 values widened as this kernel widens them, without products: the floor under
    /// `multiply` where the conversion, not the read, is the slower (`ReadBandwidth`).
    public func widenedSum(_ p: UnsafePointer<UInt16>, count: Int) -> Float {
        switch self {
        case .avx512: HalfProduct512.widenedSum(p, count: count)
        case .avx2: WidenSum.sum(p, count: count)
        case .portable: (0..<count).reduce(0) { $0 + Float(Float16(bitPattern: p[$1])) }
        }
    }

    /// The definition, one column at a time in float32.
    private static func portable(panels: Int, k: Int, _ packed: UnsafePointer<UInt16>, _ x: UnsafePointer<Float>,
                                 _ y: UnsafeMutablePointer<Float>, accumulate: Bool) {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 16) { sums in
            for p in 0..<panels {
                let panel = packed + p * k * 16, out = y + p * 16
                sums.initialize(repeating: 0)
                for j in 0..<k {
                    for lane in 0..<16 { sums[lane] += Float(Float16(bitPattern: panel[j * 16 + lane])) * x[j] }
                }
                for lane in 0..<16 { out[lane] = accumulate ? out[lane] + sums[lane] : sums[lane] }
            }
        }
    }
}

/// The CPU's feature flags, as the kernel reports them in /proc/cpuinfo (only what the kernel enabled, so
/// AVX-512 is listed only where its registers are saved across context switches).
enum CPUFlags {
    static let all: Set<Substring> = {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return [] }
        return Set(line.split(separator: " "))
    }()

    static func has(_ flags: Substring...) -> Bool { flags.allSatisfy(all.contains) }
}
