import Analysis
import Foundation
import MIDIFile
import Testing

/// Each metric on small pieces whose values can be worked out by hand (written to a file and read back).
@Suite struct PieceStatisticsTests {
    @Test func cMajorScale() throws {
        let s = try Piece.statistics(Piece.cMajorScale)
        #expect(s.noteCount == 8)
        #expect(close(s.length, 4.0) && close(s.notesPerSecond, 2.0))
        #expect(s.pitchLowest == 60 && s.pitchHighest == 72 && s.pitchRange == 12)
        #expect(s.pitchesUsed == 8 && s.pitchClassesUsed == 7)
        #expect(close(s.scaleConsistency, 1))
        // 8 equally likely pitches: log2 8 = 3 bits; pitch classes C 2/8, six others 1/8: 0.5 + 6 · 3/8 = 2.75 bits.
        #expect(close(s.pitchEntropy, 3) && close(s.pitchClassEntropy, 2.75))
        #expect(close(s.pitchClassHistogram, [2, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1].map { $0 / 8 }))
        // One note at a time, back to back.
        #expect(close(s.polyphony.mean, 1) && s.polyphony.max == 1 && close(s.polyphony.rate, 0))
        // 120 bpm: 8 beats of 0.5 s up to 4 s, each holding a note.
        #expect(s.beats == 8 && close(s.emptyBeatRate, 0))
        // Every inter-onset interval is 0.5 s: bin 8 of the 1/16 s bins.
        #expect(s.onsets == 8 && close(s.ioiMean, 0.5) && close(s.ioiMedian, 0.5))
        var oneBin = [Double](repeating: 0, count: TimeBins.count)
        oneBin[8] = 1
        #expect(close(s.ioiHistogram, oneBin) && close(s.noteLengthHistogram, oneBin))
        #expect(close(s.noteLengthMean, 0.5) && close(s.noteLengthMedian, 0.5))
        #expect(close(s.velocityMean, 80) && close(s.velocityStd, 0))
        // Seven steps up the scale: C→D, D→E, E→F, F→G, G→A, A→B, B→C, each 1/7.
        let t = try #require(s.pitchClassTransitions)
        for (from, to) in [(0, 2), (2, 4), (4, 5), (5, 7), (7, 9), (9, 11), (11, 0)] {
            #expect(close(t[from * 12 + to], 1.0 / 7))
        }
        #expect(close(t.reduce(0, +), 1))
    }

    /// C-E-G held 0–2 s (velocities 60, 80, 100), silence, D4 at 3–3.5 s (velocity 100).
    @Test func chordThenSilenceThenANote() throws {
        let s = try Piece.statistics([
            .init(pitch: 60, start: 0, end: 2, velocity: 60), .init(pitch: 64, start: 0, end: 2, velocity: 80),
            .init(pitch: 67, start: 0, end: 2, velocity: 100), .init(pitch: 62, start: 3, end: 3.5, velocity: 100),
        ])
        #expect(close(s.length, 3.5))
        // 3 pitches for 2 s and 1 for 0.5 s: (3·2 + 1·0.5) / 2.5 = 2.6; ≥ 2 pitches for 2 of 3.5 s.
        #expect(close(s.polyphony.mean, 2.6) && s.polyphony.max == 3 && close(s.polyphony.rate, 2 / 3.5))
        // Beats at 0, 0.5, …, 3.0: those at 2.0 and 2.5 are empty (the chord ends exactly on the 2.0 line).
        #expect(s.beats == 7 && close(s.emptyBeatRate, 2.0 / 7))
        // The chord is one onset: one IOI of 3 s, in the last bin (≥ 2 s).
        #expect(s.onsets == 2 && close(s.ioiMean, 3))
        #expect(s.ioiHistogram?.last == 1)
        #expect(close(s.velocityMean, 85) && close(s.velocityStd, 275.0.squareRoot()))
        #expect(close(s.noteLengthMean, 1.625) && close(s.noteLengthMedian, 2))
        #expect(close(s.scaleConsistency, 1) && s.pitchClassesUsed == 4)
    }

    @Test func aPitchHeldTwiceSoundsOnce() throws {
        // Pitch 60 from 0–1 s on channel 1 and 0.5–1.5 s on channel 2: one row of a piano roll.
        let s = try Piece.statistics([.init(pitch: 60, start: 0, end: 1, channel: 0),
                                      .init(pitch: 60, start: 0.5, end: 1.5, channel: 1)])
        #expect(close(s.polyphony.mean, 1) && s.polyphony.max == 1 && close(s.polyphony.rate, 0))
        #expect(s.pitchesUsed == 1 && s.noteCount == 2)
    }

    @Test func drumsAreLeftOut() throws {
        let s = try Piece.statistics([.init(pitch: 36, start: 0, end: 0.5, channel: 9),
                                      .init(pitch: 72, start: 0, end: 1, channel: 0)])
        #expect(s.noteCount == 1 && s.pitchLowest == 72)
        #expect(PieceStatistics(file: try Piece.file([.init(pitch: 36, start: 0, end: 0.5, channel: 9)])) == nil)
    }

    @Test func aPieceWithoutNotesHasNoStatistics() throws {
        #expect(PieceStatistics(file: try Piece.file([])) == nil)
        #expect(PieceStatistics(notes: []) == nil)
    }

    @Test func oneChordHasNoInterOnsetInterval() throws {
        let s = try Piece.statistics([.init(pitch: 60, start: 0, end: 1), .init(pitch: 64, start: 0, end: 1)])
        #expect(s.ioiMean == nil && s.ioiMedian == nil && s.ioiHistogram == nil)
        #expect(s.onsets == 1)
        #expect(StatsJSON.piece(s, file: "x").contains("\"ioi_mean_s\": null"))
        #expect(!StatsJSON.piece(s, file: "x").lowercased().contains("nan"))
    }

    @Test func zeroLengthNotesFillTheirBeatButNeverSound() throws {
        let notes = [Note(pitch: 60, velocity: 80, start: 0, end: 1), Note(pitch: 64, velocity: 80, start: 1.2, end: 1.2),
                     Note(pitch: 67, velocity: 80, start: 1.6, end: 2)]
        let s = try #require(PieceStatistics(notes: notes))
        // Beats 0, 0.5, 1.0, 1.5: the zero-length note fills beat 1.0, the last note beat 1.5.
        #expect(s.beats == 4 && close(s.emptyBeatRate, 0))
        #expect(close(s.polyphony.mean, 1) && close(s.polyphony.rate, 0))
    }

    @Test func beatsFollowTheTempoMap() throws {
        var file = try Piece.file(Piece.cMajorScale)
        // 120 bpm for two quarters, then 60 bpm: beats at 0, 0.5, then every second.
        var tempo = Track()
        tempo.append(.tempo(microsecondsPerQuarter: 500_000), at: 0)
        tempo.append(.tempo(microsecondsPerQuarter: 1_000_000), at: 2 * 960)
        tempo.append(.endOfTrack, at: 2 * 960)
        file.tracks[0] = tempo
        #expect(BeatGrid(file: file).starts(before: 4.0) == [0, 0.5, 1, 2, 3])
        // SMPTE-timed files have no quarter notes: a beat every 0.5 s.
        let smpte = StandardMIDIFile(format: 1, division: .smpte(framesPerSecond: 25, ticksPerFrame: 40))
        #expect(BeatGrid(file: smpte).starts(before: 1.1) == [0, 0.5, 1])
    }

    @Test func timeBinsPutExactNoteValuesInTheirBin() {
        #expect(TimeBins.index(0) == 0 && TimeBins.index(0.0625) == 1 && TimeBins.index(0.24999999999999997) == 4)
        #expect(TimeBins.index(1.99) == 31 && TimeBins.index(2) == 32 && TimeBins.index(60) == 32)
    }
}
