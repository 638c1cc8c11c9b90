/// A number per piece, named once: the table row, the JSON field and the comparison all use `name`.
public struct ScalarMetric: Sendable {
    public let name: String
    /// The unit or a word of explanation, shown beside the value in tables.
    public let unit: String
    /// Decimals shown in tables.
    public let decimals: Int
    /// Whole numbers per piece (counts, pitches), printed without decimals for a single piece.
    public let isCount: Bool
    public let value: @Sendable (PieceStatistics) -> Double?

    init(_ name: String, _ unit: String, decimals: Int, isCount: Bool = false,
         _ value: @escaping @Sendable (PieceStatistics) -> Double?) {
        self.name = name
        self.unit = unit
        self.decimals = decimals
        self.isCount = isCount
        self.value = value
    }
}

/// A distribution per piece (bins summing to 1), named once like `ScalarMetric`.
public struct HistogramMetric: Sendable {
    public let name: String
    /// A label per bin.
    public let labels: [String]
    /// What the bins are, for tables and `--help`.
    public let binning: String
    public let value: @Sendable (PieceStatistics) -> [Double]?
}

/// Every metric `yamg stats` reports, in the order it reports them.
public enum Metrics {
    public static let scalars: [ScalarMetric] = [
        ScalarMetric("note_count", "notes (drums left out)", decimals: 1, isCount: true) { Double($0.noteCount) },
        ScalarMetric("length_s", "s, to the end of the last note", decimals: 2) { $0.length },
        ScalarMetric("notes_per_second", "notes / length", decimals: 2) { $0.notesPerSecond },
        ScalarMetric("pitch_lowest", "MIDI pitch", decimals: 1, isCount: true) { Double($0.pitchLowest) },
        ScalarMetric("pitch_highest", "MIDI pitch", decimals: 1, isCount: true) { Double($0.pitchHighest) },
        ScalarMetric("pitch_range", "semitones, highest − lowest", decimals: 1, isCount: true) { Double($0.pitchRange) },
        ScalarMetric("pitches_used", "distinct pitches", decimals: 1, isCount: true) { Double($0.pitchesUsed) },
        ScalarMetric("pitch_classes_used", "distinct pitch classes", decimals: 2, isCount: true) { Double($0.pitchClassesUsed) },
        ScalarMetric("pitch_entropy", "bits", decimals: 3) { $0.pitchEntropy },
        ScalarMetric("pitch_class_entropy", "bits", decimals: 3) { $0.pitchClassEntropy },
        ScalarMetric("scale_consistency", "share of notes in the best major/minor scale", decimals: 3) { $0.scaleConsistency },
        ScalarMetric("polyphony", "mean pitches sounding, where any sounds", decimals: 2) { $0.polyphony.mean },
        ScalarMetric("polyphony_max", "most pitches sounding at once", decimals: 1, isCount: true) { Double($0.polyphony.max) },
        ScalarMetric("polyphony_rate", "share of the length with ≥ 2 pitches", decimals: 3) { $0.polyphony.rate },
        ScalarMetric("beats", "quarter notes to the end of the last note", decimals: 1, isCount: true) { Double($0.beats) },
        ScalarMetric("empty_beat_rate", "share of beats where nothing sounds", decimals: 3) { $0.emptyBeatRate },
        ScalarMetric("ioi_mean_s", "s between onsets (chords are one)", decimals: 3) { $0.ioiMean },
        ScalarMetric("ioi_median_s", "s", decimals: 3) { $0.ioiMedian },
        ScalarMetric("note_length_mean_s", "s", decimals: 3) { $0.noteLengthMean },
        ScalarMetric("note_length_median_s", "s", decimals: 3) { $0.noteLengthMedian },
        ScalarMetric("velocity_mean", "1–127", decimals: 1) { $0.velocityMean },
        ScalarMetric("velocity_std", "population std", decimals: 1) { $0.velocityStd },
    ]

    static let pitchClassNames = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
    static let timeBinning = "bins of 1/16 s from 0 to 2 s, the last bin ≥ 2 s"

    public static let histograms: [HistogramMetric] = [
        HistogramMetric(name: "pitch_class_histogram", labels: pitchClassNames,
                        binning: "notes per pitch class, C to B") { $0.pitchClassHistogram },
        HistogramMetric(name: "ioi_histogram", labels: TimeBins.lowerEdges.map { String($0) },
                        binning: timeBinning) { $0.ioiHistogram },
        HistogramMetric(name: "note_length_histogram", labels: TimeBins.lowerEdges.map { String($0) },
                        binning: timeBinning) { $0.noteLengthHistogram },
        HistogramMetric(name: "pitch_class_transitions",
                        labels: pitchClassNames.flatMap { from in pitchClassNames.map { "\(from)→\($0)" } },
                        binning: "12 × 12, row = pitch class of a note, column = of the next note") { $0.pitchClassTransitions },
    ]
}
