import Foundation
import MIDIFile
import TestSupport

/// The MIDI files and oracle outputs of the project's shared test data (`TestPaths.sharedData`).
enum SharedData {
    static let root = TestPaths.sharedData

    static func path(_ relative: String) -> String { TestPaths.shared(relative) }

    /// Every MIDI file of the shared data, relative to `root`.
    static let allMIDIFiles: [String] = MIDIFileFinder.files(under: [root + "/piano", root + "/edge"])
        .map { String($0.dropFirst(root.count + 1)) }

    /// Every oracle JSON file name.
    static let oracleFiles: [String] = (try? FileManager.default.contentsOfDirectory(atPath: root + "/oracle"))
        .map { $0.filter { $0.hasSuffix(".json") }.sorted() } ?? []

    static func oracle(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/oracle/" + name))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }
}

/// Builds SMF bytes by hand for unit tests: a header and tracks of raw event bytes.
enum SMFBytes {
    static func file(format: UInt16 = 1, division: UInt16 = 96, declaredTracks: Int? = nil, tracks: [[UInt8]]) -> [UInt8] {
        var out = Array("MThd".utf8) + [0, 0, 0, 6]
        out += be16(format) + be16(UInt16(declaredTracks ?? tracks.count)) + be16(division)
        for t in tracks { out += chunk("MTrk", t) }
        return out
    }

    static func chunk(_ id: String, _ body: [UInt8]) -> [UInt8] {
        Array(id.utf8) + be32(UInt32(body.count)) + body
    }

    static func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    static let endOfTrack: [UInt8] = [0x00, 0xFF, 0x2F, 0x00]
}
