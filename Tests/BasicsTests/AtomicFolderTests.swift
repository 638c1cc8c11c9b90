import Basics
import Foundation
import Testing

/// `AtomicFolder.replace`: the target ends up holding exactly the source's files, and the source path is gone.
struct AtomicFolderTests {
    @Test func movesIntoAMissingTarget() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/new", withIntermediateDirectories: false)
        try folder.write("fresh", to: "new/a")
        try AtomicFolder.replace(folder.path + "/target", with: folder.path + "/new")
        #expect(try folder.read("target/a") == "fresh")
        #expect(try folder.contents() == ["target"])
    }

    /// A target with files of its own is exchanged whole: none of its old files survive, and the old folder is
    /// removed.
    @Test func replacesAFullTarget() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder.path + "/target", withIntermediateDirectories: false)
        try folder.write("old", to: "target/a")
        try folder.write("old only", to: "target/b")
        try manager.createDirectory(atPath: folder.path + "/new", withIntermediateDirectories: false)
        try folder.write("fresh", to: "new/a")
        try AtomicFolder.replace(folder.path + "/target", with: folder.path + "/new")
        #expect(try folder.read("target/a") == "fresh")
        #expect(try manager.contentsOfDirectory(atPath: folder.path + "/target") == ["a"])
        #expect(try folder.contents() == ["target"])
    }

    @Test func missingSourceThrowsAndKeepsTheTarget() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/target", withIntermediateDirectories: false)
        try folder.write("old", to: "target/a")
        #expect(throws: AtomicFolder.Failure.self) {
            try AtomicFolder.replace(folder.path + "/target", with: folder.path + "/absent")
        }
        #expect(try folder.read("target/a") == "old")
        #expect(try folder.contents() == ["target"])
    }
}
