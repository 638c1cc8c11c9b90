import CLinux
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Puts a finished folder in place of another in one step: what lets a corpus be written into a temporary folder
/// beside its target and swapped in whole, so a kill leaves either the old corpus or the new one.
///
/// Linux only: the exchange is `renameat2`, which glibc declares only under `_GNU_SOURCE` (hence `CLinux`).
public enum AtomicFolder {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Moves `source` to `target`. If `target` exists, the two are exchanged atomically
    /// (`renameat2(RENAME_EXCHANGE)`) and the old one is removed after; otherwise a plain rename.
    /// Either way there is no moment where `target` is missing or half-written.
    public static func replace(_ target: String, with source: String) throws(Failure) {
        if rename(source, target) == 0 { return }
        let firstError = errno
        guard firstError == ENOTEMPTY || firstError == EEXIST || firstError == EISDIR else {
            throw Failure(description: "cannot move \(source) to \(target): \(String(cString: strerror(firstError)))")
        }
        guard yamg_rename_exchange(source, target) == 0 else {
            throw Failure(description: "cannot replace \(target): \(String(cString: strerror(errno)))")
        }
        try? FileManager.default.removeItem(atPath: source)  // now the old folder
    }
}
