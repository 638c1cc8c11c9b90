import Foundation
import TestSupport
import Testing

/// End-to-end tests of the `yamg` commands: run the built binary as a user would and read what it prints.
@Suite struct CLITests {
    static let fixture = TestPaths.fixture
    static let edge = TestPaths.shared("edge")
    static let repo = TestPaths.repository
    static func yamg(_ arguments: String...) throws -> CLI.Output { try CLI.run(arguments) }

    @Test func infoSummarizesAFile() throws {
        let run = try Self.yamg("midi", "info", Self.fixture)
        #expect(run.status == 0)
        #expect(run.stdout.contains("format 1, 10080 ticks per quarter, 5 tracks"), "\(run.stdout)")
        #expect(run.stdout.contains("track 1: \"Soprano\""))
        #expect(run.stdout.contains("tempo: 120.0 bpm"))
        #expect(run.stdout.range(of: #"notes: \d+, pitch range [A-G]#?\d–[A-G]#?\d"#, options: .regularExpression) != nil)
    }

    @Test func infoReportsUnreadableFilesAndGoesOn() throws {
        let run = try Self.yamg("midi", "info", Self.edge + "/empty-zero-byte-file--jazzsoft.mid", Self.fixture)
        #expect(run.status == 1)
        #expect(run.stdout.contains("Soprano"))
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("empty-zero-byte-file--jazzsoft.mid: byte 0: empty file (0 bytes)") == true)
    }

    @Test func dumpJSONHasTheOracleShape() throws {
        let run = try Self.yamg("midi", "dump", Self.edge + "/tiny-running-status--minimidi.mid", "--json")
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["file", "format", "ticks_per_quarter", "tracks", "notes", "tempo_changes",
                                    "time_signatures", "duration_s", "warnings"])
        #expect(json["ticks_per_quarter"] as? Int == 960)
        let notes = try #require(json["notes"] as? [[Double]])
        #expect(notes.count == 28)
        #expect(notes.allSatisfy { $0.count == 8 })
        // Sorted by (start tick, pitch, track, end tick, velocity).
        let keys = notes.map { [$0[4], $0[2], $0[0], $0[5], $0[3]] }
        #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test func dumpJSONOfSMPTEFile() throws {
        let run = try Self.yamg("midi", "dump", Self.edge + "/derived/smpte-division-25fps-40tpf--jazzsoft-c-major-scale.mid", "--json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["ticks_per_quarter"] is NSNull)
        let smpte = try #require(json["smpte"] as? [String: Int])
        #expect(smpte == ["frames_per_second": 25, "ticks_per_frame": 40])
    }

    @Test func dumpJSONOfUnreadableFile() throws {
        let path = Self.edge + "/bad-track-chunk-id--nfroidure.mid"
        let run = try Self.yamg("midi", "dump", path, "--json")
        #expect(run.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: String])
        #expect(json["file"] == path)
        #expect(json["error"]?.contains("no track chunk ('MTrk') found") == true)
    }

    @Test func dumpListsEvents() throws {
        let run = try Self.yamg("midi", "dump", Self.fixture)
        #expect(run.status == 0)
        #expect(run.stdout.contains("meta trackName \"Soprano\""))
        #expect(run.stdout.contains("note-on  ch 1"))
    }

    @Test func benchParsePrintsResult() throws {
        let run = try Self.yamg("bench", "parse", Self.edge, "--repeat", "2")
        #expect(run.status == 0)
        let last = try #require(run.stdout.split(separator: "\n").last)
        #expect(last.hasPrefix("RESULT {"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(last.dropFirst(7).utf8)) as? [String: Any])
        #expect(json["files"] as? Int == 58)
        #expect((json["notes"] as? Int ?? 0) > 10_000)
        #expect((json["notes_per_s"] as? Double ?? 0) > 0)
    }

    @Test func badFlagsSayWhich() throws {
        let zero = try Self.yamg("bench", "parse", Self.edge, "--repeat", "0")
        #expect(zero.status != 0)
        #expect(zero.stderr.contains("--repeat must be at least 1, got 0"))
        let unknown = try Self.yamg("midi", "info", "--frobnicate", Self.fixture)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("--frobnicate"))
        let nothing = try Self.yamg("bench", "parse", Self.repo + "/Sources")
        #expect(nothing.status != 0)
        #expect(nothing.stderr.contains("no MIDI files under"))
    }
}
