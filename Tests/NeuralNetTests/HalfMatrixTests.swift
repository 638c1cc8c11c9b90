import NeuralNet
import Testing

/// The float16 generation products against the definition: every kernel this CPU runs (on an AVX-512 machine,
/// all three), on shapes with a ragged last panel and odd column counts, over all panels and a middle range.
@Suite struct HalfMatrixTests {
    @Test(arguments: [(5, 7), (16, 1), (37, 33), (100, 64), (48, 515)])
    func productsMatchTheDefinition(rows: Int, columns: Int) throws {
        var rng = RNG(seed: UInt64(rows * 1000 + columns))
        let w = (0..<rows * columns).map { _ in rng.nextFloat() - 0.5 }
        let x = (0..<columns).map { _ in rng.nextFloat() * 2 - 1 }
        let m = HalfMatrix(rows: rows, columns: columns) { w[$0 * columns + $1] }
        #expect(m.panels == (rows + 15) / 16 && m.bytes == m.panels * 16 * columns * 2)
        // Stored values are the float16 roundings of the weights.
        let off = (0..<rows * columns).filter { m[$0 / columns, $0 % columns] != Float(Float16(w[$0])) }
        #expect(off.isEmpty, "\(off.count) values are not their float16 rounding")
        let kernels = HalfKernel.allCases.filter(\.isAvailable)
        #expect(kernels.contains(.portable) && kernels.first == HalfKernel.best)
        for kernel in kernels {
            for panels in [0..<m.panels, m.panels / 2..<m.panels, 0..<0] {
                for accumulate in [false, true] {
                    var y = [Float](repeating: 0.25, count: m.panels * 16 + 3)
                    m.multiply(panels: panels, x, into: &y, accumulate: accumulate, kernel: kernel)
                    var worst = 0.0
                    for r in 0..<y.count {
                        var expected = 0.25
                        if panels.contains(r / 16) {
                            let sum = r < rows ? (0..<columns).reduce(0.0) { $0 + Double(m[r, $1]) * Double(x[$1]) } : 0
                            expected = accumulate ? sum + 0.25 : sum
                        }
                        worst = max(worst, abs(expected - Double(y[r])))
                    }
                    #expect(worst < 1e-5, "\(kernel) \(rows)×\(columns) panels \(panels) accumulate \(accumulate): off by \(worst)")
                }
            }
        }
    }

    /// The conversion floor's sums (`bench generate`): every kernel this CPU runs widens float16 values to their
    /// float32 values, over counts with and without a ragged tail.
    @Test(arguments: [0, 1, 63, 64, 65, 1000, 4099])
    func widenedSumsAreTheValuesSums(count: Int) {
        var rng = RNG(seed: UInt64(count + 1))
        let halves = (0..<count).map { _ in Float16(rng.nextFloat() * 4 - 2).bitPattern }
        let exact = halves.reduce(0.0) { $0 + Double(Float(Float16(bitPattern: $1))) }
        let kernels = HalfKernel.allCases.filter(\.isAvailable)
        #expect(kernels.contains(.portable))
        for kernel in kernels {
            let sum = (halves + [0]).withUnsafeBufferPointer { kernel.widenedSum($0.baseAddress!, count: count) }
            #expect(abs(Double(sum) - exact) < 1e-2, "\(kernel): \(sum) against \(exact) over \(count) values")
        }
    }

    /// Float16 rounding to nearest, and values past its range clamped to it rather than turned into infinities.
    @Test func roundsAndClamps() {
        let values: [Float] = [1e6, -1e6, 65504, 1 + 1 / 4096, 1e-8, -0.1]
        let m = HalfMatrix(rows: 1, columns: values.count) { values[$1] }
        #expect((0..<values.count).map { m[0, $0] } == [65504, -65504, 65504, 1, Float(Float16(Float(1e-8))), Float(Float16(Float(-0.1)))])
        var y = [Float](repeating: 0, count: 16)
        m.multiply(panels: 0..<1, [1, 0, 0, 0, 0, 0], into: &y)
        #expect(y[0] == 65504 && y[1...].allSatisfy { $0 == 0 })
    }
}
