// Music statistics of MIDI files, as `yamg stats` prints them.
//
// The path through this module: a file's notes (drums left out, `MeasuredNotes`) and its beats
// (`BeatGrid`) → one `PieceStatistics` per file (pitch, polyphony, rhythm and velocity metrics, each
// defined in its own file) → over a set of files a `SetSummary` (mean ± std per metric, the mean
// histograms) → two sets side by side, a `SetComparison` (overlap of the per-file distributions).
// `Metrics.swift` names every metric once; the table (`StatsTable`) and the JSON (`StatsJSON`) both
// follow that list, so their field names are the same.
