import Dispatch
import NeuralNet
import Synchronization
import Testing

/// The team of threads and what splits over it: every member runs at once, runs nest and queue up
/// without deadlock, and split work gives the results of the work done in one piece.
@Suite(.timeLimit(.minutes(1))) struct ParallelTests {
    /// Products checked against a loop in double precision, in every transposition, large enough to be
    /// split over the team — by rows (m ≥ n) and by columns (a short, wide C).
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func splitProductsMatchTheDefinition(transA: Bool, transB: Bool) {
        var rng = RNG(seed: 3)
        for (m, n, k) in [(300, 40, 200), (16, 700, 200)] {
            #expect(m * n * k >= 1 << 21, "big enough to split")
            let a = (0..<m * k).map { _ in rng.nextFloat() - 0.5 }, b = (0..<k * n).map { _ in rng.nextFloat() - 0.5 }
            var c = [Float](repeating: 1, count: m * n)
            let lda = transA ? m : k, ldb = transB ? k : n
            BLAS.gemm(transA, transB, m: m, n: n, k: k, alpha: 2, a, lda: lda, b, ldb: ldb, beta: 0.5, &c, ldc: n)
            var worst = 0.0
            for i in 0..<m {
                for j in 0..<n {
                    var sum = 0.0
                    for l in 0..<k {
                        let x = transA ? a[l * lda + i] : a[i * lda + l], y = transB ? b[j * ldb + l] : b[l * ldb + j]
                        sum += Double(x) * Double(y)
                    }
                    worst = max(worst, abs(2 * sum + 0.5 - Double(c[i * n + j])))
                }
            }
            #expect(worst < 1e-4, "\(m)×\(n)×\(k) transA \(transA) transB \(transB): off by \(worst)")
        }
    }

    @Test func everyMemberRunsAtOnce() {
        let team = Team(count: 3)
        let seen = Mutex([Int]())
        let crossings = Mutex(0)
        team.run { member in
            seen.withLock { $0.append(member.index) }
            member.wait()  // would never return if a member ran after another had finished
            crossings.withLock { $0 += 1 }
            #expect(member.count == 3)
        }
        #expect(seen.withLock { $0.sorted() } == [0, 1, 2])
        #expect(crossings.withLock { $0 } == 3)
        // Shares cover the range once, in multiples of the granule.
        let shares = (0..<3).map { Team.Member(index: $0, count: 3).share(of: 100, granule: 8) }
        #expect(shares.map(\.count).reduce(0, +) == 100 && shares[0].lowerBound == 0 && shares[2].upperBound == 100)
        #expect(shares.dropLast().allSatisfy { $0.count % 8 == 0 } && shares[0].upperBound == shares[1].lowerBound)
    }

    @Test func runsNestAndQueueUp() {
        let team = Parallel.team
        // A run inside a run has one member, the caller, which does the whole range.
        let inner = Mutex([Int]())
        team.run { member in
            Parallel.team.run { nested in
                #expect(nested.count == 1)
                inner.withLock { $0.append(nested.share(of: 10).count) }
            }
        }
        #expect(inner.withLock { $0 } == [Int](repeating: 10, count: team.count))
        // Several threads using the team at once each get whole runs of their own.
        let totals = Mutex([Int](repeating: 0, count: 4))
        DispatchQueue.concurrentPerform(iterations: 4) { caller in
            for _ in 0..<50 {
                let sum = Mutex(0)
                team.run { member in
                    member.wait()
                    sum.withLock { $0 += member.share(of: 1000).count }
                }
                totals.withLock { $0[caller] += sum.withLock { $0 } }
            }
        }
        #expect(totals.withLock { $0 } == [Int](repeating: 50_000, count: 4))
    }

    @Test func columnSumsAndChunksCoverEverything() {
        let rows = 300, columns = 203  // over the split size, and a ragged last group of lanes
        let m = (0..<rows * columns).map { Float($0 % 7) - 3 }
        var sums = [Float](repeating: 1, count: columns)
        addColumnSums(of: m, rows: rows, columns: columns, to: &sums)
        let expected = (0..<columns).map { j in 1 + (0..<rows).reduce(Float(0)) { $0 + m[$1 * columns + j] } }
        #expect(sums == expected)
        let touched = Mutex([Int](repeating: 0, count: 100_000))
        Parallel.chunks(100_000) { _, range in touched.withLock { for i in range { $0[i] += 1 } } }
        #expect(touched.withLock { $0.allSatisfy { $0 == 1 } })
    }

    @Test func lanesLoadAndStoreShortGroups() {
        let values: [Float] = [1, 2, 3]
        let lanes = values.withUnsafeBufferPointer { Lanes($0.baseAddress!, count: 3, padding: -1) }
        #expect(lanes == Lanes(1, 2, 3, -1, -1, -1, -1, -1))
        var out = [Float](repeating: 0, count: 5)
        out.withUnsafeMutableBufferPointer { (lanes * 2).store(to: $0.baseAddress!, count: 3) }
        #expect(out == [2, 4, 6, 0, 0])
    }
}
