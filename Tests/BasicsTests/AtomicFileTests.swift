import Basics
import Foundation
import Testing

/// `AtomicFile.write`: the target holds either the old bytes or the new ones, and no temporary outlives a call.
struct AtomicFileTests {
    @Test(arguments: [true, false])
    func replacesTheFileAndLeavesNothingElse(sync: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("old contents, longer than the new", to: "file")
        try AtomicFile.write(Data("new".utf8), to: folder.path + "/file", sync: sync)
        #expect(try folder.read("file") == "new")
        #expect(try folder.contents() == ["file"])
    }

    @Test func createsAMissingFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try AtomicFile.write(Data(), to: folder.path + "/empty")
        #expect(try folder.read("empty") == "")
        #expect(try folder.contents() == ["empty"])
    }

    /// The temporary cannot be created (a folder is in the way): the call throws and the old file is untouched.
    @Test func failedWriteLeavesTheOldFileIntact() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("old", to: "file")
        let blocker = "file.tmp-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder.path + "/" + blocker, withIntermediateDirectories: false)
        try folder.write("x", to: blocker + "/inside")
        #expect(throws: (any Error).self) { try AtomicFile.write(Data("new".utf8), to: folder.path + "/file") }
        #expect(try folder.read("file") == "old")
        #expect(try folder.contents() == ["file", blocker])
    }

    /// The rename fails (the target is a folder that is not empty): the call throws, the folder is untouched and
    /// the temporary it wrote is gone.
    @Test func failedRenameRemovesTheTemporary() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/target", withIntermediateDirectories: false)
        try folder.write("kept", to: "target/inside")
        #expect(throws: (any Error).self) { try AtomicFile.write(Data("new".utf8), to: folder.path + "/target") }
        #expect(try folder.read("target/inside") == "kept")
        #expect(try folder.contents() == ["target"])
    }

    @Test func missingFolderThrows() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: (any Error).self) { try AtomicFile.write(Data("new".utf8), to: folder.path + "/absent/file") }
        #expect(try folder.contents() == [])
    }
}
