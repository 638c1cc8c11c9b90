import Foundation
import MIDIFile

/// `yamg stats`'s work: every MIDI file under the given paths read and measured, as one set or (comparing)
/// two sets side by side, with each path or file left out and why. The command prints `problems` on stderr,
/// then `json` or `table(perFile:)`, and exits 1 unless `succeeded`.
public struct StatsReport {
    public typealias Piece = (file: String, statistics: PieceStatistics)

    /// Why a path or file is not in the statistics; `description` is its one line for stderr.
    public enum Problem: Sendable, CustomStringConvertible {
        case missing(path: String)
        case noMIDIFiles(folder: String)
        case unreadable(file: String, MIDIFileError)
        case noNotes(file: String)
        /// A set with no readable file with notes: nothing to show for it.
        case nothingToMeasure(set: String)

        public var description: String {
            switch self {
            case .missing(let path): "error: \(path): no such file or folder"
            case .noMIDIFiles(let folder): "warning: \(folder): no MIDI files (.mid .midi .kar .rmi .smf) in this folder"
            case .unreadable(_, let error): "error: \(error)"
            case .noNotes(let file): "warning: \(file): no notes (drums aside), left out of the statistics"
            case .nothingToMeasure(let set): "error: nothing to measure in \(set) (no readable MIDI file with notes)"
            }
        }

        /// Errors make the exit status 1; warnings only say what was left out.
        public var isError: Bool {
            switch self {
            case .missing, .unreadable, .nothingToMeasure: true
            case .noMIDIFiles, .noNotes: false
            }
        }

        /// The file and reason the JSON lists under "skipped"; nil for problems that skip no file.
        public var skipped: (file: String, reason: String)? {
            switch self {
            case .missing(let path): (path, "no such file or folder")
            case .unreadable(let file, let error): (file, error.problem)
            case .noNotes(let file): (file, "no notes")
            case .noMIDIFiles, .nothingToMeasure: nil
            }
        }
    }

    public let paths: [String]
    public let compare: Bool
    /// The measured pieces: one set, or when comparing set A (the first path) and set B (the second).
    public private(set) var sets: [[Piece]] = []
    /// In the order they were met, the empty sets last.
    public private(set) var problems: [Problem] = []

    public var skipped: [(file: String, reason: String)] { problems.compactMap(\.skipped) }
    public var filesMeasured: Int { sets.reduce(0) { $0 + $1.count } }
    public var succeeded: Bool { !problems.contains(where: \.isError) }

    /// Measures the files under `paths` (folders searched recursively); comparing, `paths` are set A and set B.
    /// `notes` chooses how a file becomes notes (by default every note as the file holds it).
    public init(paths: [String], compare: Bool = false,
                notes: (StandardMIDIFile) -> [Note] = { $0.notes().notes }) {
        self.paths = paths
        self.compare = compare
        let groups = compare ? paths.map { [$0] } : [paths]
        sets = groups.map { measure(files(under: $0), notes: notes) }
        let names = compare ? paths : [paths.joined(separator: ", ")]
        for (name, set) in zip(names, sets) where set.isEmpty {
            problems.append(.nothingToMeasure(set: name))
        }
    }

    /// The MIDI files under `paths`; a missing path or a folder without MIDI files is noted.
    private mutating func files(under paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                problems.append(.missing(path: path))
                continue
            }
            let found = MIDIFileFinder.files(under: [path])
            if isFolder.boolValue && found.isEmpty { problems.append(.noMIDIFiles(folder: path)) }
            files += found
        }
        return files
    }

    /// Each readable file with notes, with its statistics; the others are noted.
    private mutating func measure(_ files: [String], notes: (StandardMIDIFile) -> [Note]) -> [Piece] {
        var pieces: [Piece] = []
        for file in files {
            let midi: StandardMIDIFile
            do { midi = try StandardMIDIFile(contentsOf: file) } catch {
                problems.append(.unreadable(file: file, error))
                continue
            }
            guard let statistics = PieceStatistics(notes: notes(midi), beats: BeatGrid(file: midi)) else {
                problems.append(.noNotes(file: file))
                continue
            }
            pieces.append((file, statistics))
        }
        return pieces
    }
}
