import Encoding
import Foundation
import MIDIFile

/// Paths of the shared test data (`../shared/data` beside the repository) and of the repository.
enum Paths {
    static let repo: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let data = repo + "/../shared/data"
    static let pianoFiles = MIDIFileFinder.files(under: [data + "/piano"])

    /// A fresh, empty temporary folder.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "yamg-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Notes rebuilt from decoded events: each note-on closed by the next note-off of its pitch.
func notes(from events: [TimedEvent]) -> [Note] {
    var open: [Int: (Double, UInt8)] = [:]
    var result: [Note] = []
    for e in events {
        switch e.kind {
        case .noteOn(let p, let v):
            open[Int(p)] = (e.time, v)
        case .noteOff(let p):
            if let (start, v) = open.removeValue(forKey: Int(p)) {
                result.append(Note(pitch: p, velocity: v, start: start, end: e.time))
            }
        default: break
        }
    }
    return result
}
