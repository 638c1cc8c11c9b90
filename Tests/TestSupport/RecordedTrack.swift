import MIDIFile
import Testing

/// The notes of the track named `name` in the MIDI file at `path` (a recording: `yamg session`, `input`); a missing
/// track fails the test, and reading the file must raise no warning.
public func recordedTrack(_ name: String, of path: String) throws -> [Note] {
    let midi = try StandardMIDIFile(contentsOf: path)
    let index = try #require(midi.tracks.firstIndex { $0.name.map { String(decoding: $0, as: UTF8.self) } == name },
                             "no track \(name) in \(path)")
    let (notes, warnings) = midi.notes()
    #expect(warnings.isEmpty, "\(warnings)")
    return notes.filter { $0.track == index }
}
