import Foundation

/// Why no soundfont could be used; each description is one line a user can act on.
public enum SoundfontError: Error, Equatable, CustomStringConvertible {
    /// A path the user named (by `source`: "--soundfont", the config file, `$YAMG_SOUNDFONT`) is not a file.
    case missing(source: String, path: String)
    /// Nothing was named and no soundfont was found in any of the places `tried`.
    case notFound(tried: [String])

    public var description: String {
        switch self {
        case .missing(let source, let path):
            "soundfont \(path) (from \(source)) does not exist or is not a file"
        case .notFound(let tried):
            "no soundfont found; tried \(tried.joined(separator: ", ")); "
                + "fix: apt-get install fluid-soundfont-gm, or pass --soundfont FILE, or set YAMG_SOUNDFONT=FILE"
        }
    }
}

/// Finding the soundfont (`.sf2`/`.sf3`) that FluidSynth renders with.
public enum Soundfont {
    /// Debian's soundfonts: `default-GM.sf2` is an alternatives link (usually to FluidR3), then FluidR3 itself.
    public static let debianPaths = ["/usr/share/sounds/sf2/default-GM.sf2", "/usr/share/sounds/sf2/FluidR3_GM.sf2"]

    /// The soundfont to use, searched in order: `flag`, `configured`, `$YAMG_SOUNDFONT`, the first `*.sf2`/`*.sf3`
    /// (by name) in each of `repoFolders`, then `systemPaths`.
    /// A path given explicitly (flag, config, environment) must exist: a typo is an error, not a silent fallback.
    public static func locate(flag: String?, configured: String? = nil,
                              environment: [String: String] = ProcessInfo.processInfo.environment,
                              repoFolders: [String], systemPaths: [String] = debianPaths) throws(SoundfontError) -> String {
        let named: [(source: String, path: String?)] = [
            ("--soundfont", flag), ("the config file", configured), ("$YAMG_SOUNDFONT", environment["YAMG_SOUNDFONT"]),
        ]
        for (source, path) in named {
            guard let path, !path.isEmpty else { continue }
            let expanded = NSString(string: path).expandingTildeInPath
            guard isFile(expanded) else { throw .missing(source: source, path: path) }
            return expanded
        }
        var tried = ["--soundfont (not given)", "the config file (not set)", "$YAMG_SOUNDFONT (not set)"]
        for folder in repoFolders {
            if let found = firstSoundfont(in: folder) { return found }
            tried.append("\(folder)/*.sf2|*.sf3")
        }
        for path in systemPaths {
            if isFile(path) { return path }
            tried.append(path)
        }
        throw .notFound(tried: tried)
    }

    /// The repository's `soundfonts/`, then an installed copy's `<prefix>/share/yamg/soundfonts` (see
    /// `ProjectFolders`), then `/usr/local/share/yamg/soundfonts`.
    public static var defaultRepoFolders: [String] {
        let folders = ProjectFolders.candidates("soundfonts")
        let usual = "/usr/local/share/yamg/soundfonts"
        return folders.contains(usual) ? folders : folders + [usual]
    }

    private static func firstSoundfont(in folder: String) -> String? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        return names.sorted()
            .filter { ["sf2", "sf3"].contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }
            .map { URL(fileURLWithPath: folder).appendingPathComponent($0).path }
            .first(where: isFile)
    }

    private static func isFile(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && !directory.boolValue
    }


    /// Whether `path` starts like an SF2/SF3 file (RIFF form `sfbk`). Checking first fails early on a wrong file,
    /// and keeps FluidSynth's DLS loader (libinstpatch, which logs through glib past our quiet handler) from it.
    public static func isSoundfontFile(_ path: String) -> Bool {
        let head = FileHandle(forReadingAtPath: path).flatMap { try? $0.read(upToCount: 12) } ?? Data()
        return head.count == 12 && head.prefix(4) == Data("RIFF".utf8) && head.suffix(4) == Data("sfbk".utf8)
    }
}
