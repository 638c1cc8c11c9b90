import Analysis
import Foundation
import MIDIFile
import TestSupport
import Testing

/// The statistics of the shipped chorale (Tests/Fixtures/bach-bwv289.mid), against values computed
/// independently in Python/numpy from the notes of `yamg midi dump --json` (seconds rounded to 6
/// decimals): pitch counts with `np.bincount`, polyphony, rate and empty beats on a boolean piano roll
/// of one row per tick (the tempo is a constant 120 bpm, so ticks are proportional to seconds; 10080
/// ticks a beat), IOIs from `np.diff(np.unique(starts))`, histograms with `np.histogram`, scale
/// consistency with MusPy's 24 rolled masks.
@Suite struct FixtureStatisticsTests {
    @Test func bachChorale() throws {
        let s = try #require(PieceStatistics(file: try StandardMIDIFile(contentsOf: TestPaths.fixture)))
        #expect(s.noteCount == 219)
        #expect(close(s.length, 24) && close(s.notesPerSecond, 9.125))
        #expect(s.pitchLowest == 39 && s.pitchHighest == 76 && s.pitchRange == 37)
        #expect(s.pitchesUsed == 36 && s.pitchClassesUsed == 12)
        #expect(close(s.pitchEntropy, 4.563754926317497, 1e-12) && close(s.pitchClassEntropy, 3.1846460963455083, 1e-12))
        #expect(close(s.scaleConsistency, 196.0 / 219))  // numpy: 0.8949771689497716
        #expect(close(s.pitchClassHistogram, [0.031963, 0.091324, 0.105023, 0.022831, 0.118721, 0.009132,
                                               0.155251, 0.123288, 0.018265, 0.100457, 0.022831, 0.200913], 1e-6))
        #expect(close(s.polyphony.mean, 3.9375, 1e-6) && s.polyphony.max == 4 && close(s.polyphony.rate, 1, 1e-6))
        #expect(s.beats == 48 && close(s.emptyBeatRate, 0))
        #expect(s.onsets == 75)
        #expect(close(s.ioiMean, 0.31756756756756754, 1e-6) && close(s.ioiMedian, 0.25, 1e-6))
        #expect(close(s.noteLengthMean, 0.4383561643835616, 1e-6) && close(s.noteLengthMedian, 0.5, 1e-6))
        #expect(close(s.velocityMean, 90) && close(s.velocityStd, 0))
        // numpy: IOIs 54/74 in bin 4 (0.25 s), 20/74 in bin 8 (0.5 s); note lengths 59, 157, 2 and 1 of 219
        // in bins 4, 8, 12 and 20.
        var ioi = [Double](repeating: 0, count: TimeBins.count)
        ioi[4] = 54.0 / 74
        ioi[8] = 20.0 / 74
        #expect(close(s.ioiHistogram, ioi))
        var lengths = [Double](repeating: 0, count: TimeBins.count)
        for (bin, count) in [(4, 59.0), (8, 157.0), (12, 2.0), (20, 1.0)] { lengths[bin] = count / 219 }
        #expect(close(s.noteLengthHistogram, lengths))
        // numpy: the most frequent transition is B → F#, 10 of 218.
        let t = try #require(s.pitchClassTransitions)
        #expect(t.indices.max { t[$0] < t[$1] } == 11 * 12 + 6 && close(t[11 * 12 + 6], 10.0 / 218))
    }
}
