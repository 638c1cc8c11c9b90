import NeuralNet
import Testing

/// The recurrence's own product kernel against the definition, on sizes that leave a ragged last panel
/// (n not a multiple of 16) and rows past the last block of four, packed from rows and from columns.
@Suite struct PackedGEMMTests {
    @Test(arguments: [(5, 21, 7), (32, 48, 40), (3, 16, 1), (9, 40, 33)])
    func productsMatchTheDefinition(m: Int, n: Int, k: Int) throws {
        try #require(PackedGEMM.isAvailable, "this CPU cannot run the kernel; training uses OpenBLAS instead")
        var rng = RNG(seed: UInt64(m * 1000 + n * 10 + k))
        let a = (0..<m * k).map { _ in rng.nextFloat() - 0.5 }
        let b = (0..<n * k).map { _ in rng.nextFloat() - 0.5 }      // B as [n, k]
        let bt = (0..<k * n).map { b[($0 % n) * k + $0 / n] }          // the same B stored as its transpose [k, n]
        for (source, rowStride, elementStride) in [(b, k, 1), (bt, 1, n)] {
            var packed = [Float](repeating: .nan, count: PackedGEMM.packedCount(rows: n, k: k))
            PackedGEMM.pack(source, rows: n, k: k, rowStride: rowStride, elementStride: elementStride, into: &packed)
            for accumulate in [false, true] {
                let ldc = n + 3
                var c = [Float](repeating: 0.25, count: m * ldc)
                PackedGEMM.multiply(m: m, n: n, k: k, a, lda: k, packed: packed, &c, ldc: ldc, accumulate: accumulate)
                var worst = 0.0
                for i in 0..<m {
                    for j in 0..<ldc {
                        var sum = j < n ? (0..<k).reduce(0.0) { $0 + Double(a[i * k + $1]) * Double(b[j * k + $1]) } : 0
                        if accumulate || j >= n { sum += 0.25 }  // columns past n are left alone
                        worst = max(worst, abs(sum - Double(c[i * ldc + j])))
                    }
                }
                #expect(worst < 1e-5, "\(m)×\(n)×\(k) strides (\(rowStride), \(elementStride)) accumulate \(accumulate): off by \(worst)")
            }
        }
    }
}
