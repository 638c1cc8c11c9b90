import Foundation
import TestSupport
import Testing

/// `yamg stats`, end to end: the table, the JSON, sets, comparisons and bad input.
@Suite struct StatsCommandTests {
    static let bach = TestPaths.shared("piano/bach")
    static let pop909 = TestPaths.shared("piano/pop909")
    /// Every metric, in the order `yamg stats` reports them.
    static let metrics = ["note_count", "length_s", "notes_per_second", "pitch_lowest", "pitch_highest", "pitch_range",
                          "pitches_used", "pitch_classes_used", "pitch_entropy", "pitch_class_entropy", "scale_consistency",
                          "polyphony", "polyphony_max", "polyphony_rate", "beats", "empty_beat_rate", "ioi_mean_s",
                          "ioi_median_s", "note_length_mean_s", "note_length_median_s", "velocity_mean", "velocity_std"]
    static let histograms = ["pitch_class_histogram", "ioi_histogram", "note_length_histogram", "pitch_class_transitions"]

    static func json(_ run: CLI.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    /// The row of `name` in a table, split into words.
    static func row(_ name: String, in text: String) -> [Substring]? {
        text.split(separator: "\n").map { $0.split(separator: " ") }.first { $0.first.map(String.init) == name }
    }

    @Test func tableOfOneFile() throws {
        let run = try CLI.run(["stats", TestPaths.fixture])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.hasPrefix(TestPaths.fixture + ": 219 notes, 24.00 s"))
        // The values FixtureStatisticsTests checks against numpy, as the table rounds them.
        #expect(Self.row("note_count", in: run.stdout)?[1] == "219")
        #expect(Self.row("pitch_lowest", in: run.stdout)?[1...2] == ["39", "(D#2)"])
        #expect(Self.row("scale_consistency", in: run.stdout)?[1] == "0.895")
        #expect(Self.row("polyphony", in: run.stdout)?[1] == "3.94")
        #expect(Self.row("ioi_mean_s", in: run.stdout)?[1] == "0.318")
        for name in Self.metrics + Self.histograms {
            #expect(Self.row(name, in: run.stdout) != nil, "no row \(name)")
        }
        #expect(run.stdout.contains("B .20"))
    }

    @Test func jsonOfOneFileHasTheTablesFieldNames() throws {
        let run = try CLI.run(["stats", TestPaths.fixture, "--json"])
        #expect(run.status == 0)
        let json = try Self.json(run)
        let set = try #require(json["set"] as? [String: Any])
        let files = try #require(set["files"] as? [[String: Any]])
        #expect(files.count == 1)
        let file = files[0]
        #expect(Set(file.keys) == Set(["file"] + Self.metrics + Self.histograms))
        #expect(file["note_count"] as? Int == 219 && file["pitch_classes_used"] as? Int == 12)
        #expect((file["scale_consistency"] as? Double).map { abs($0 - 196.0 / 219) < 1e-9 } == true)
        #expect((file["pitch_class_histogram"] as? [Double])?.count == 12)
        #expect((file["ioi_histogram"] as? [Double])?.count == 33 && (file["pitch_class_transitions"] as? [Double])?.count == 144)
        let summary = try #require(set["summary"] as? [String: Any])
        #expect(summary["files"] as? Int == 1)
        let count = try #require(summary["note_count"] as? [String: Double])
        #expect(count == ["mean": 219, "std": 0, "min": 219, "max": 219, "count": 1])
        #expect(json["time_bin_s"] as? Double == 0.0625)
        #expect((json["skipped"] as? [Any])?.isEmpty == true)
    }

    @Test func aFolderIsASetWithBadFilesNamedAndLeftOut() throws {
        let run = try CLI.run(["stats", TestPaths.shared("edge")])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix(TestPaths.shared("edge") + ": 38 files"), "\(run.stdout.prefix(200))")
        #expect(run.stdout.contains("mean ± std"))
        #expect(!run.stdout.lowercased().contains("nan"))
        let lines = run.stderr.split(separator: "\n")
        let errors = lines.filter { $0.hasPrefix("error: ") }
        // The five files the reader gives up on, each named with its problem, one line each.
        #expect(errors.count == 5, "\(run.stderr)")
        #expect(errors.contains { $0.contains("empty-zero-byte-file--jazzsoft.mid: byte 0: empty file (0 bytes)") })
        #expect(errors.contains { $0.contains("not-a-midi-file-text--jazzsoft.mid: byte 0: not a MIDI file") })
        // Files that read but hold no notes (or only drums) are left out with a warning.
        #expect(lines.contains { $0.hasPrefix("warning: ") && $0.contains("gm-percussion-channel-10--jazzsoft.mid: no notes") })
    }

    @Test func aBadFileAmongGoodOnesStillGivesTheOthers() throws {
        let bad = TestPaths.shared("edge") + "/bad-track-chunk-id--nfroidure.mid"
        let run = try CLI.run(["stats", bad, TestPaths.fixture])
        #expect(run.status == 1)
        #expect(run.stderr == "error: \(bad): byte 81: no track chunk ('MTrk') found, though the header declares 1\n")
        #expect(run.stdout.hasPrefix(TestPaths.fixture + ": 219 notes"))
        let json = try Self.json(try CLI.run(["stats", bad, TestPaths.fixture, "--json"]))
        let skipped = try #require(json["skipped"] as? [[String: String]])
        #expect(skipped.count == 1 && skipped[0]["file"] == bad)
        #expect(((json["set"] as? [String: Any])?["files"] as? [Any])?.count == 1)
    }

    @Test func nothingToMeasureSaysSo() throws {
        let empty = TestPaths.shared("edge") + "/header-only-zero-tracks-type0--shky.mid"
        let run = try CLI.run(["stats", empty])
        #expect(run.status == 1 && run.stdout.isEmpty)
        #expect(run.stderr.contains("\(empty): no notes"))
        #expect(run.stderr.contains("error: nothing to measure in \(empty)"))
        let json = try CLI.run(["stats", empty, "--json"])
        #expect(json.status == 1 && !json.stdout.lowercased().contains("nan"))
        let summary = try #require((try Self.json(json)["set"] as? [String: Any])?["summary"] as? [String: Any])
        #expect(summary["files"] as? Int == 0 && summary["polyphony"] is NSNull)
        let missing = try CLI.run(["stats", "/no/such/file.mid"])
        #expect(missing.status == 1 && missing.stderr.hasPrefix("error: /no/such/file.mid: no such file or folder\n"))
    }

    @Test func aSetComparedWithItselfOverlapsFully() throws {
        let run = try CLI.run(["stats", "--compare", TestPaths.fixture, TestPaths.fixture, "--json"])
        #expect(run.status == 0)
        let comparison = try #require(try Self.json(run)["comparison"] as? [String: [String: Any]])
        #expect(Set(comparison.keys) == Set(Self.metrics + Self.histograms))
        for name in Self.metrics + Self.histograms {
            #expect(comparison[name]?["overlap"] as? Double == 1, "\(name)")
        }
        #expect(comparison["pitch_class_histogram"]?["js_divergence"] as? Double == 0)
        let table = try CLI.run(["stats", "--compare", TestPaths.fixture, TestPaths.fixture])
        #expect(Self.row("polyphony", in: table.stdout) == ["polyphony", "3.94", "±", "0.00", "3.94", "±", "0.00", "1.000"])
    }

    @Test(.tags(.slow), .timeLimit(.minutes(3))) func bachAndPopDiffer() throws {
        let run = try CLI.run(["stats", "--compare", Self.bach, Self.pop909, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try Self.json(run)
        let comparison = try #require(json["comparison"] as? [String: [String: Any]])
        func overlap(_ name: String) -> Double { comparison[name]?["overlap"] as? Double ?? .nan }
        // Four-part chorales against pop songs with a piano accompaniment: longer pieces, wider range,
        // more voices, dynamics (the chorales are all velocity 90).
        for name in ["length_s", "pitch_range", "polyphony_max", "velocity_std"] {
            #expect(overlap(name) < 0.1, "\(name): \(overlap(name))")
        }
        #expect(overlap("pitch_class_histogram") < 0.95 && overlap("ioi_histogram") < 0.5)
        #expect(comparison["velocity_std"]?["a_mean"] as? Double == 0)
        #expect(((json["a"] as? [String: Any])?["files"] as? [Any])?.count == 310)
        #expect(((json["b"] as? [String: Any])?["files"] as? [Any])?.count == 300)
    }

    @Test func perFileTablesAndPreprocessedNotes() throws {
        let run = try CLI.run(["stats", "--per-file", TestPaths.fixture, TestPaths.fixture])
        #expect(run.status == 0)
        #expect(run.stdout.components(separatedBy: TestPaths.fixture + ": 219 notes").count == 3)
        #expect(run.stdout.contains(TestPaths.fixture + ", " + TestPaths.fixture + ": 2 files"))
        // As preprocess reads the chorale, 3 notes doubling a pitch another voice holds are one (one key, one string).
        let piano = try CLI.run(["stats", "--as-preprocessed", TestPaths.fixture])
        #expect(piano.stdout.hasPrefix(TestPaths.fixture + ": 216 notes"))
    }

    @Test func compareTakesTwoSets() throws {
        let run = try CLI.run(["stats", "--compare", TestPaths.fixture])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--compare takes exactly two paths"))
    }

    @Test func helpExplainsTheMetricsAndTheComparison() throws {
        let run = try CLI.run(["stats", "--help"])
        #expect(run.stdout.contains("Silverman") && run.stdout.contains("Jensen") && run.stdout.contains("empty_beat_rate"))
    }
}
