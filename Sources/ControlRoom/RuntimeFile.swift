import Basics
import Foundation

/// Where a running daemon's control room can be found: its URL and token, in a file only its user can read
/// (0600, replaced atomically), so that `yamg ctl` on the same machine reaches it with no setup.
public struct RuntimeFile: Sendable, Equatable {
    public var url: String
    public var token: String
    public var pid: Int32

    public init(url: String, token: String, pid: Int32) {
        self.url = url
        self.token = token
        self.pid = pid
    }

    public static let name = "control-room.json"

    /// The folders to look in, in order: systemd's `$RUNTIME_DIRECTORY` (`RuntimeDirectory=yamg`), then
    /// `$XDG_RUNTIME_DIR/yamg` (a desktop session), then `/run/yamg` (the system service, seen by root).
    public static func folders(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var folders: [String] = []
        if let runtime = environment["RUNTIME_DIRECTORY"]?.split(separator: ":").first, runtime.hasPrefix("/") {
            folders.append(String(runtime))
        }
        if let xdg = environment["XDG_RUNTIME_DIR"], xdg.hasPrefix("/") { folders.append(xdg + "/yamg") }
        folders.append("/run/yamg")
        return folders
    }

    /// Where the daemon writes its file: the first of ``folders(environment:)`` that exists or can be made.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        for folder in folders(environment: environment) {
            var directory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &directory), directory.boolValue { return folder + "/" + name }
            if (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false,
                                                         attributes: [.posixPermissions: 0o700])) != nil {
                return folder + "/" + name
            }
        }
        return nil
    }

    public func write(to path: String) throws(ControlRoomError) {
        let json = JSONValue.object([("url", .string(url)), ("token", .string(token)), ("pid", .int(Int(pid)))]).text + "\n"
        do { try AtomicFile.write(Data(json.utf8), to: path, permissions: 0o600) } catch {
            throw .runtimeFile(path: path, reason: "\(error)")
        }
    }

    public static func read(_ path: String) throws(ControlRoomError) -> RuntimeFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .runtimeFile(path: path, reason: "cannot read it (run yamg ctl as the daemon's user, or root)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let url = object["url"] as? String, let token = object["token"] as? String else {
            throw .runtimeFile(path: path, reason: "not a control-room file (expected url and token)")
        }
        return RuntimeFile(url: url, token: token, pid: (object["pid"] as? NSNumber)?.int32Value ?? 0)
    }

    /// Removes the file at `path` if it is still this one's (another daemon may have started since).
    public func remove(from path: String) {
        if let current = try? Self.read(path), current == self { try? FileManager.default.removeItem(atPath: path) }
    }
}
