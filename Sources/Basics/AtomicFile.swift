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
    ///
    /// `permissions`: the new file's mode, set as the temporary is created (so a secret is never readable by
    /// others, not even for a moment); nil: the usual mode (0666 less the umask).
    public static func write(_ data: Data, to path: String, sync: Bool = true, permissions: mode_t? = nil) throws {
        let temporary = path + ".tmp-\(getpid())"
        if let permissions {
            try create(temporary, data, permissions)
        } else {
            guard FileManager.default.createFile(atPath: temporary, contents: data) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
            }
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

    /// Creates `path` anew with `permissions` (exclusively: an old temporary is removed first) and writes `data`.
    private static func create(_ path: String, _ data: Data, _ permissions: mode_t) throws {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, permissions)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        defer { close(fd) }
        fchmod(fd, permissions)  // the umask may have taken bits away
        let written = data.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return true
        }
        guard written else {
            unlink(path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    }
}
