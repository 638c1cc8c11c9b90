import Foundation

/// Finds MIDI files under folders, the way batch commands take a user's collection.
public enum MIDIFileFinder {
    /// File name endings taken as MIDI, in any case.
    public static let extensions: Set<String> = ["mid", "midi", "kar", "rmi", "smf"]

    /// Every MIDI file under `paths` (a file path is taken as is), recursively, sorted by path,
    /// so that batch results do not depend on the order the file system lists folders in.
    public static func files(under paths: [String]) -> [String] {
        var found: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            guard isFolder.boolValue else {
                found.append(path)
                continue
            }
            guard let walker = manager.enumerator(atPath: path) else { continue }
            for case let relative as String in walker
            where extensions.contains((relative as NSString).pathExtension.lowercased()) {
                found.append((path as NSString).appendingPathComponent(relative))
            }
        }
        return found.sorted()
    }
}
