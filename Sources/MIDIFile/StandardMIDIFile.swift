import Foundation

/// A Standard MIDI File: header values and tracks of events, plus the problems met while reading it.
///
/// Read one with `init(contentsOf:)` or `init(bytes:)`; derive notes with `notes()` and times with
/// `tempoMap(forTrack:)`; write one with `serialized()`.
public struct StandardMIDIFile: Sendable, Equatable {
    /// 0: one track; 1: simultaneous tracks; 2: independent sequences.
    public var format: UInt16
    public var division: Division
    public var tracks: [Track]
    /// Problems in the file that did not stop it being read, in file order.
    public var warnings: [MIDIWarning]

    public init(format: UInt16, division: Division, tracks: [Track] = []) {
        self.format = format
        self.division = division
        self.tracks = tracks
        self.warnings = []
    }

    /// Reads the file at `path`. The error names the file, the byte offset and the problem.
    public init(contentsOf path: String) throws(MIDIFileError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MIDIFileError(file: path, offset: 0, problem: "cannot read the file (missing or not readable)")
        }
        let result = data.withUnsafeBytes { raw in Result { () throws(MIDIFileError) in try FileReader.read(raw) } }
        switch result {
        case .success(let file): self = file
        case .failure(var error):
            error.file = path
            throw error
        }
    }

    /// Reads a file from bytes in memory.
    public init(bytes: [UInt8]) throws(MIDIFileError) {
        self = try bytes.withUnsafeBytes { raw in Result { () throws(MIDIFileError) in try FileReader.read(raw) } }.get()
    }

    /// Reads a file from bytes in memory, walking them once without copying.
    public init(bytes: UnsafeRawBufferPointer) throws(MIDIFileError) {
        self = try FileReader.read(bytes)
    }
}
