import Foundation

/// Writes files so that a kill at any moment leaves either the old file or the new one: the bytes go to a temporary
/// file beside the target (`PATH.tmp-PID`, same file system), are flushed to disk, and the temporary is renamed over
/// the target. Model files, the loss log and the session recordings are all written this way.
public enum AtomicFile {
    /// `sync: false` skips the fsync: still atomic against a killed process (the rename is), but after a power cut
    /// the newest version may be missing. For files rewritten every second, where an fsync each time costs more
    /// than it saves.
    ///
    /// On failure the target is untouched and the temporary is removed.
    public static func write(_ data: Data, to path: String, sync: Bool = true) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        if sync {
            let fd = open(temporary, O_RDONLY)
            if fd >= 0 { fsync(fd); close(fd) }
        }
        guard rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: message])
        }
    }
}
