import Foundation

/// Where the default model (`models/default.safetensors`) is looked for when no model is named: the repository's
/// `models/` (found by walking up from the running executable to the first folder holding `Package.swift` or
/// `models/`), then `<bin>/../share/yamg/models/` where `make install` puts it.
public enum DefaultModel {
    public static let fileName = "default.safetensors"

    /// The places searched, in order, whether or not they exist.
    public static func candidates(executable: String? = executablePath()) -> [String] {
        guard let executable else { return [] }
        let bin = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent().standardizedFileURL
        var found: [String] = []
        var folder = bin
        while true {
            let models = folder.appendingPathComponent("models")
            if exists(models.path) || exists(folder.appendingPathComponent("Package.swift").path) {
                found.append(models.appendingPathComponent(fileName).path)
                break
            }
            let parent = folder.deletingLastPathComponent().standardizedFileURL
            if parent.path == folder.path { break }
            folder = parent
        }
        let installed = bin.deletingLastPathComponent().appendingPathComponent("share/yamg/models/\(fileName)").standardizedFileURL.path
        if !found.contains(installed) { found.append(installed) }
        return found
    }

    /// The first candidate that exists, or nil.
    public static func locate(executable: String? = executablePath()) -> String? {
        candidates(executable: executable).first(where: exists)
    }

    /// The running executable (`/proc/self/exe` survives a relative argv[0] or a `$PATH` lookup).
    public static func executablePath() -> String? {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return target }
        guard let argument = CommandLine.arguments.first, !argument.isEmpty else { return nil }
        return URL(fileURLWithPath: argument, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).path
    }

    private static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
