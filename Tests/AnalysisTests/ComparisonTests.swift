import Analysis
import Foundation
import MIDIFile
import TestSupport
import Testing

/// Set summaries, the distances between distributions, kernel densities and set comparisons.
@Suite struct ComparisonTests {
    @Test func descriptiveStatistics() {
        #expect(close(Descriptive.mean([1, 2, 3, 4]), 2.5))
        #expect(close(Descriptive.standardDeviation([1, 2, 3, 4]), 1.25.squareRoot()))
        #expect(close(Descriptive.standardDeviation([1, 2, 3, 4], sample: true), (5.0 / 3).squareRoot()))
        #expect(close(Descriptive.quantile(sorted: [1, 2, 3, 4], 0.25), 1.75))  // numpy.percentile: 1.75
        #expect(close(Descriptive.median([3, 1, 2]), 2))
        #expect(Descriptive.mean([]) == nil && Descriptive.median([]) == nil)
        let summary = try! #require(MetricSummary([2, 4, 4, 4, 5, 5, 7, 9]))
        #expect(close(summary.mean, 5) && close(summary.std, 2) && summary.min == 2 && summary.max == 9 && summary.count == 8)
        #expect(MetricSummary([]) == nil)
    }

    @Test func distancesBetweenHistograms() {
        let p = [0.5, 0.5, 0, 0], q = [0, 0, 0.5, 0.5], r = [0.25, 0.25, 0.25, 0.25]
        #expect(close(Distribution.overlap(p, p), 1) && close(Distribution.overlap(p, q), 0) && close(Distribution.overlap(p, r), 0.5))
        #expect(close(Distribution.jensenShannon(p, p), 0) && close(Distribution.jensenShannon(p, q), 1))
        // JS(p, r): m = (3/8, 3/8, 1/8, 1/8); ½ KL(p‖m) + ½ KL(r‖m) = ½ log2(4/3) + ½ (½ log2(2/3) + ½ log2 2).
        #expect(close(Distribution.jensenShannon(p, r), 0.5 * log2(4.0 / 3) + 0.25 * log2(2.0 / 3) + 0.25))
        #expect(Distribution.kullbackLeibler(p, q) == .infinity)
        #expect(Distribution.normalized([0, 0]) == nil)
    }

    @Test func silvermanBandwidth() {
        // numpy: 0.9 · min(std(ddof=1), IQR/1.34) · 5^(−1/5) for 1…5.
        #expect(close(KernelDensity.silvermanBandwidth([1, 2, 3, 4, 5]), 0.9735846228506357, 1e-12))
        #expect(KernelDensity.silvermanBandwidth([3, 3, 3]) == 0 && KernelDensity.silvermanBandwidth([3]) == 0)
    }

    @Test func overlapOfKernelDensities() {
        // Two unit Gaussians one apart share 2 Φ(−½) = 0.6170750774519738 (scipy.stats.norm).
        let overlap = KernelDensity.overlap(KernelDensity([0], bandwidth: 1), KernelDensity([1], bandwidth: 1))
        #expect(close(overlap, 0.6170750774519738, 1e-6))
        // scipy.stats.gaussian_kde with the same bandwidths, min integrated on 2 million points: 0.5486247656246959.
        #expect(close(SetComparison.overlap([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8]), 0.5486247656246959, 1e-6))
        #expect(close(SetComparison.overlap([1, 2, 3], [1, 2, 3]), 1, 1e-6))
        #expect(close(SetComparison.overlap([1, 2, 3], [1000, 1001, 1002]), 0, 1e-9))
        // No spread at all: the same value in both sets overlaps fully, different values not at all;
        // a set without spread borrows the other's bandwidth: one Gaussian at 90 against two at 80 and 100.
        #expect(SetComparison.overlap([90, 90], [90]) == 1 && SetComparison.overlap([90, 90], [91]) == 0)
        let h = KernelDensity.silvermanBandwidth([80, 100])
        #expect(close(SetComparison.overlap([90, 90], [80, 100]),
                      KernelDensity.overlap(KernelDensity([90], bandwidth: h), KernelDensity([80, 100], bandwidth: h))))
        #expect(SetComparison.overlap([], [1]) == nil)
    }

    /// Three scales and a chorale, each written to a file and read back.
    static func realisticSet() throws -> [PieceStatistics] {
        var pieces = [try #require(PieceStatistics(file: try StandardMIDIFile(contentsOf: TestPaths.fixture)))]
        for shift in [0, 2, 5] {
            pieces.append(try Piece.statistics(Piece.cMajorScale.map {
                Piece.N(pitch: $0.pitch + UInt8(shift), start: $0.start * Double(shift + 1), end: $0.end * Double(shift + 1),
                        velocity: UInt8(60 + 10 * shift))
            }))
        }
        return pieces
    }

    @Test func aSetComparedWithItselfOverlapsFully() throws {
        let set = try Self.realisticSet()
        let c = SetComparison(set, set)
        #expect(set.count == 4 && c.scalars.count == Metrics.scalars.count && c.histograms.count == Metrics.histograms.count)
        #expect(!Metrics.scalars.isEmpty && !Metrics.histograms.isEmpty)
        for (metric, s) in zip(Metrics.scalars, c.scalars) {
            #expect(close(s.overlap, 1, 1e-6), "\(metric.name): \(String(describing: s.overlap))")
            #expect(s.a == s.b)
        }
        for (metric, h) in zip(Metrics.histograms, c.histograms) {
            #expect(close(h.overlap, 1, 1e-12) && close(h.jensenShannon, 0, 1e-12), "\(metric.name)")
        }
    }

    @Test func veryDifferentSetsOverlapLittle() throws {
        // A: slow single notes low in C major; B: fast, loud chromatic clusters up high.
        var a: [PieceStatistics] = [], b: [PieceStatistics] = []
        for k in 0..<5 {
            a.append(try Piece.statistics((0..<8).map { i in
                Piece.N(pitch: [36, 38, 40, 41, 43][(i + k) % 5], start: Double(i), end: Double(i) + 0.9, velocity: UInt8(40 + k))
            }))
            var cluster: [Piece.N] = []
            for i in 0..<40 {
                let start = Double(i) * 0.1
                for j in 0..<4 {
                    cluster.append(Piece.N(pitch: UInt8(90 + (i + j + k) % 12), start: start, end: start + 0.08,
                                           velocity: UInt8(110 + k)))
                }
            }
            b.append(try Piece.statistics(cluster))
        }
        let c = SetComparison(a, b)
        func scalar(_ name: String) throws -> SetComparison.Scalar {
            c.scalars[try #require(Metrics.scalars.firstIndex { $0.name == name })]
        }
        for name in ["notes_per_second", "pitch_lowest", "polyphony", "velocity_mean", "ioi_mean_s", "pitch_classes_used"] {
            let overlap = try scalar(name).overlap
            #expect(overlap.map { $0 < 0.01 } == true, "\(name): \(String(describing: overlap))")
        }
        let pitchClasses = c.histograms[try #require(Metrics.histograms.firstIndex { $0.name == "pitch_class_histogram" })]
        #expect(pitchClasses.overlap.map { $0 < 0.5 } == true)
        let ioi = c.histograms[try #require(Metrics.histograms.firstIndex { $0.name == "ioi_histogram" })]
        #expect(close(ioi.overlap, 0) && close(ioi.jensenShannon, 1))
    }

    @Test func aSetSummaryAveragesFilesEqually() throws {
        let set = try Self.realisticSet()
        let summary = SetSummary(set)
        #expect(summary.files == 4)
        let count = try #require(summary.scalars[0])
        #expect(count.mean == (219 + 8 * 3) / 4.0 && count.count == 4)
        let pch = try #require(summary.histograms[0])
        // C: the chorale's share, 2/8 of the C major scale, none of D major, 1/8 of F major.
        #expect(close(pch[0], (set[0].pitchClassHistogram[0] + 2.0 / 8 + 0 + 1.0 / 8) / 4))
        #expect(SetSummary([]).scalars.allSatisfy { $0 == nil } && SetSummary([]).histograms.allSatisfy { $0 == nil })
    }
}
