import Analysis
import ArgumentParser
import Encoding
import MIDIFile

/// `yamg stats PATH… [--json]` and `yamg stats --compare A B`: music statistics of MIDI files
/// (MusPy's and Yang & Lerch's metrics), per file, per set, or two sets side by side.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Music statistics of MIDI files: pitch, polyphony, rhythm and velocity metrics; compare two sets.",
        discussion: """
            One file: a row per metric. Several files or folders: mean ± std (population), min – max and \
            the mean histograms over the files. --compare A B: A and B are each a set (files or folders); \
            per metric, both sets' mean ± std and their overlap.

            Drums (channel 10) are left out. Length L = the end of the last note. Metrics: note_count, \
            length_s, notes_per_second = notes / L; pitch_lowest, pitch_highest, pitch_range (semitones), \
            pitches_used, pitch_classes_used, pitch_entropy and pitch_class_entropy (bits, MusPy); \
            scale_consistency = the largest share of notes inside one of the 24 major / natural-minor \
            scales (MusPy); polyphony = mean number of pitches sounding where any sounds, polyphony_max, \
            polyphony_rate = share of L with ≥ 2 pitches sounding; beats = quarter notes (from the \
            file's tempo map; 0.5 s for SMPTE files) starting before L, empty_beat_rate = share of them \
            in which no note sounds (MusPy); ioi_mean_s, ioi_median_s = time between onsets, starts \
            within 10 ms being one onset; note_length_mean_s, note_length_median_s; velocity_mean, \
            velocity_std. Histograms (normalized): pitch_class_histogram (C…B), ioi_histogram and \
            note_length_histogram (1/16 s bins from 0 to 2 s, the 33rd bin ≥ 2 s), \
            pitch_class_transitions (12 × 12, consecutive notes by start then pitch).

            Comparing (after Yang & Lerch 2018): for each scalar metric, each set's per-file values \
            become a Gaussian kernel density (Silverman's bandwidth 0.9·min(σ, IQR/1.34)·n^-1/5; a set \
            without spread borrows the other's; two sets without spread overlap 1 if they hold the same \
            value, else 0) and the overlap is the area \
            the two densities share (numeric integration): 1 = same distribution, 0 = nothing in \
            common. For histograms: overlap = Σ min of the two sets' mean histograms, and the \
            Jensen–Shannon divergence in bits (0 = same, 1 = disjoint).

            A file that cannot be read gets one line on stderr and is left out; the exit code is then 1. \
            A file without notes is left out with a warning.
            """
    )

    @Argument(help: "MIDI files or folders (searched recursively); with --compare, exactly two: set A and set B.")
    var paths: [String]

    @Flag(help: "Compare two sets: the first path is set A, the second set B.")
    var compare = false

    @Flag(help: "Print JSON (the same field names as the table).")
    var json = false

    @Flag(help: "Also print each file's table (for sets).")
    var perFile = false

    @Flag(help: "Measure the notes as `yamg preprocess` reads them: sustain pedal applied, one string per key.")
    var asPreprocessed = false

    func validate() throws {
        if compare && paths.count != 2 {
            throw ValidationError("--compare takes exactly two paths (set A and set B), got \(paths.count)")
        }
    }

    func run() throws {
        let report = StatsReport(paths: paths, compare: compare,
                                 notes: asPreprocessed ? { PianoNotes.extract(from: $0) } : { $0.notes().notes })
        for problem in report.problems { printError(problem.description) }
        if json {
            print(report.json)
        } else if let table = report.table(perFile: perFile) {
            print(table)
        }
        if !report.succeeded { throw ExitCode(1) }
    }
}
