import MIDIFile

/// Every statistic of one piece, from its notes (drums left out, see `MeasuredNotes`) and its beats.
///
/// The length L of a piece is the end of its last note, counted from time 0 (MusPy's length; trailing
/// silence after the last note is left out). A value that a piece cannot have — an IOI with one onset,
/// a rate over zero time — is nil, never NaN. See `Metrics.swift` for the field names and each file for
/// the definitions.
public struct PieceStatistics: Sendable, Equatable {
    public var noteCount: Int
    /// L, in seconds.
    public var length: Double
    /// Notes / L.
    public var notesPerSecond: Double?
    public var pitchLowest: Int
    public var pitchHighest: Int
    /// Highest − lowest, in semitones.
    public var pitchRange: Int
    public var pitchesUsed: Int
    public var pitchClassesUsed: Int
    /// Entropy of the pitch and the pitch-class histograms, in bits (MusPy).
    public var pitchEntropy: Double
    public var pitchClassEntropy: Double
    public var polyphony: Polyphony
    public var scaleConsistency: Double
    public var beats: Int
    public var emptyBeatRate: Double?
    public var onsets: Int
    /// Mean and median inter-onset interval (`Onsets`), in seconds.
    public var ioiMean: Double?
    public var ioiMedian: Double?
    /// Mean and median note length (end − start), in seconds.
    public var noteLengthMean: Double
    public var noteLengthMedian: Double
    /// Mean and population standard deviation of the note-on velocities.
    public var velocityMean: Double
    public var velocityStd: Double
    /// Notes per pitch class, C first, normalized to sum 1 (Yang & Lerch's PCH).
    public var pitchClassHistogram: [Double]
    /// IOIs and note lengths in `TimeBins`, normalized.
    public var ioiHistogram: [Double]?
    public var noteLengthHistogram: [Double]
    /// `PitchMetrics.transitions`: 12 × 12, row by row, normalized.
    public var pitchClassTransitions: [Double]?

    /// The statistics of a file's notes (`MIDIFile.notes()`, or any other reading of them) timed by its
    /// beats; nil when no note is left once drums are taken out.
    public init?(notes allNotes: [Note], beats: BeatGrid = BeatGrid()) {
        let notes = MeasuredNotes.from(allNotes)
        guard let (lowest, highest) = PitchMetrics.extremes(notes) else { return nil }
        noteCount = notes.count
        var end = 0.0
        for n in notes { end = max(end, n.end) }
        length = end
        notesPerSecond = end > 0 ? Double(notes.count) / end : nil

        pitchLowest = lowest
        pitchHighest = highest
        pitchRange = highest - lowest
        let pitchCounts = PitchMetrics.pitchCounts(notes)
        let classCounts = PitchMetrics.pitchClassCounts(notes)
        pitchesUsed = PitchMetrics.used(pitchCounts)
        pitchClassesUsed = PitchMetrics.used(classCounts)
        pitchClassHistogram = Distribution.normalized(classCounts)!
        pitchEntropy = Distribution.entropy(Distribution.normalized(pitchCounts)!)
        pitchClassEntropy = Distribution.entropy(pitchClassHistogram)
        scaleConsistency = PitchMetrics.scaleConsistency(pitchClassCounts: classCounts)
        pitchClassTransitions = PitchMetrics.transitions(notes)

        polyphony = Polyphony(notes, length: end)
        (emptyBeatRate, self.beats) = EmptyBeats.rate(notes, beats: beats.starts(before: end))

        let onsetTimes = Onsets.times(notes)
        let iois = Onsets.intervals(onsetTimes)
        onsets = onsetTimes.count
        ioiMean = Descriptive.mean(iois)
        ioiMedian = Descriptive.median(iois)
        ioiHistogram = TimeBins.histogram(iois)

        let lengths = notes.map(\.duration)
        noteLengthMean = Descriptive.mean(lengths)!
        noteLengthMedian = Descriptive.median(lengths)!
        noteLengthHistogram = TimeBins.histogram(lengths)!

        let velocities = notes.map { Double($0.velocity) }
        velocityMean = Descriptive.mean(velocities)!
        velocityStd = Descriptive.standardDeviation(velocities)!
    }

    /// The statistics of a MIDI file's notes as written (no sustain pedal applied), timed by its quarter notes.
    public init?(file: StandardMIDIFile) {
        self.init(notes: file.notes().notes, beats: BeatGrid(file: file))
    }
}
