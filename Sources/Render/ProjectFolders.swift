import Foundation

/// Where the files yamg ships beside its binary live (`models/`, `soundfonts/`), for a build in the repository and
/// for an installed copy alike.
public enum ProjectFolders {
    /// The folders named `name` to search, in order, whether or not they exist: the repository's (walking up from the
    /// running executable to the first folder that holds `name/` or `Package.swift`), then
    /// `<prefix>/share/yamg/<name>` beside an installed `<prefix>/bin/yamg` (where `make install` puts them).
    public static func candidates(_ name: String, executable: String? = executablePath()) -> [String] {
        guard let executable else { return [] }
        let bin = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent().standardizedFileURL
        var found: [String] = []
        var folder = bin
        while true {
            let candidate = folder.appendingPathComponent(name).path
            if isDirectory(candidate) || FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                found.append(candidate)
                break
            }
            let parent = folder.deletingLastPathComponent().standardizedFileURL
            if parent.path == folder.path { break }
            folder = parent
        }
        let installed = bin.deletingLastPathComponent().appendingPathComponent("share/yamg/\(name)").standardizedFileURL.path
        if !found.contains(installed) { found.append(installed) }
        return found
    }

    /// The running executable (`/proc/self/exe` survives a relative argv[0] or a `$PATH` lookup; argv[0] elsewhere).
    public static func executablePath() -> String? {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return target }
        guard let argument = CommandLine.arguments.first, !argument.isEmpty else { return nil }
        return URL(fileURLWithPath: argument, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).path
    }

    private static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
