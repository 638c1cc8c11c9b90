import Foundation
import MIDIFile

/// The session recordings the control room lists and serves: the `.mid` files directly in the recordings folder.
///
/// A file is served only by a name from the listing, read with `O_NOFOLLOW` and checked to be a regular file
/// again once open: no `..`, no slash (encoded or not), no absolute path and no symbolic link can reach a file
/// outside the folder.
struct RecordingLibrary: Sendable {
    struct Entry: Sendable {
        var name: String
        var bytes: Int
        /// Seconds since 1970 of the last write.
        var modified: Double
    }

    /// Nil: not recording (`--no-record`), so nothing to list.
    let folder: String?
    /// Files larger than this are not served (a recording holds a few MB per hour).
    static let maxBytes = 64 << 20

    /// Every recording, newest first.
    func list() -> [Entry] {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.compactMap { name -> Entry? in
            guard name.hasSuffix(".mid"), !name.hasPrefix("."), !name.contains("/") else { return nil }
            var info = stat()
            guard lstat(folder + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            return Entry(name: name, bytes: Int(info.st_size),
                         modified: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) * 1e-9)
        }.sorted { ($0.modified, $0.name) > ($1.modified, $1.name) }
    }

    /// The bytes of the recording called `name`, or nil when no listed recording has that name.
    func read(_ name: String) -> Data? {
        guard let folder, list().contains(where: { $0.name == name }) else { return nil }
        let fd = open(folder + "/" + name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= Self.maxBytes else { return nil }
        var data = Data(count: Int(info.st_size))
        let count = data.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
        return count == data.count ? data : nil
    }

    /// The notes of a recording as the page's preview draws them: `[start, end, pitch, velocity]` in seconds.
    func notes(_ name: String) -> JSONValue? {
        guard let data = read(name), let midi = try? StandardMIDIFile(bytes: [UInt8](data)) else { return nil }
        let notes = midi.notes().notes
        return .object([
            ("name", .string(name)),
            ("duration", .seconds(midi.durationSeconds)),
            ("notes", .array(notes.map { .array([.seconds($0.start), .seconds($0.end), .int(Int($0.pitch)), .int(Int($0.velocity))]) })),
        ])
    }
}
