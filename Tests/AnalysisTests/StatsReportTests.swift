import Analysis
import Foundation
import MIDIFile
import TestSupport
import Testing

/// `StatsReport`, the entry point of `yamg stats`: which files it measures, what it leaves out and why,
/// and when it counts as failed.
@Suite struct StatsReportTests {
    static let edge = TestPaths.shared("edge")

    /// A folder holding the fixture twice, an empty file and a drums-only file.
    static func mixedFolder() throws -> String {
        let folder = try TestPaths.temporaryFolder("stats")
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        let copies = [(TestPaths.fixture, "a.mid"), (TestPaths.fixture, "sub/b.mid"),
                      (edge + "/empty-zero-byte-file--jazzsoft.mid", "empty.mid"),
                      (edge + "/gm-percussion-channel-10--jazzsoft.mid", "drums.mid")]
        for (from, to) in copies { try FileManager.default.copyItem(atPath: from, toPath: folder + "/" + to) }
        return folder
    }

    @Test func countsTheFilesItMeasuredAndNamesTheOthers() throws {
        let folder = try Self.mixedFolder()
        let report = StatsReport(paths: [folder, folder + "/nowhere"])
        #expect(report.filesMeasured == 2)
        #expect(report.sets.count == 1 && report.sets[0].allSatisfy { $0.statistics.noteCount == 219 })
        #expect(!report.succeeded, "an unreadable file or a missing path fails the run")
        let lines = report.problems.map(\.description)
        #expect(lines.contains("error: \(folder)/nowhere: no such file or folder"))
        #expect(lines.contains { $0.hasPrefix("error: ") && $0.contains("empty.mid: byte 0: empty file (0 bytes)") })
        #expect(lines.contains("warning: \(folder)/drums.mid: no notes (drums aside), left out of the statistics"))
        #expect(Set(report.skipped.map(\.reason)) == ["no such file or folder", "empty file (0 bytes)", "no notes"])
        let table = try #require(report.table(perFile: false))
        #expect(table.hasPrefix("\(folder), \(folder)/nowhere: 2 files"))
    }

    @Test func oneReadableFileSucceedsWithItsOwnTable() throws {
        let report = StatsReport(paths: [TestPaths.fixture])
        #expect(report.succeeded && report.problems.isEmpty && report.filesMeasured == 1)
        #expect(try #require(report.table(perFile: false)).hasPrefix(TestPaths.fixture + ": 219 notes, 24.00 s"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(((json["set"] as? [String: Any])?["files"] as? [Any])?.count == 1)
    }

    @Test func theNoteReaderIsTheCallersChoice() throws {
        let report = StatsReport(paths: [TestPaths.fixture], notes: { Array($0.notes().notes.prefix(10)) })
        #expect(report.sets[0].first?.statistics.noteCount == 10)
    }

    @Test func comparingMakesTwoSetsAndAComparison() throws {
        let folder = try Self.mixedFolder()
        let report = StatsReport(paths: [TestPaths.fixture, folder], compare: true)
        #expect(report.sets.map(\.count) == [1, 2] && report.filesMeasured == 3)
        let comparison = try #require(report.comparison)
        #expect(comparison.a.files == 1 && comparison.b.files == 2)
        // The same piece on both sides: every scalar distribution overlaps fully.
        #expect(comparison.scalars.compactMap(\.overlap).allSatisfy { $0 > 0.99 })
        #expect(try #require(report.table(perFile: false)).contains(folder))
    }

    @Test func anEmptySetFailsAndHasNoTable() throws {
        let folder = try TestPaths.temporaryFolder("stats-empty")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let report = StatsReport(paths: [folder])
        #expect(report.filesMeasured == 0 && !report.succeeded)
        #expect(report.problems.map(\.description) == [
            "warning: \(folder): no MIDI files (.mid .midi .kar .rmi .smf) in this folder",
            "error: nothing to measure in \(folder) (no readable MIDI file with notes)",
        ])
        #expect(report.table(perFile: false) == nil)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(((json["set"] as? [String: Any])?["files"] as? [Any])?.isEmpty == true)
    }
}
