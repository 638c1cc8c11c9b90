import Basics
import Encoding
import Foundation
import MIDIFile
import TestSupport
import Testing

/// `TokenFile`, the entry point of `yamg decode`: names or ids in, a MIDI file out, bad input named.
@Suite struct TokenFileTests {
    static let fixture = TestPaths.fixture

    @Test func namesDecodeToTheNotesTheyEncode() throws {
        let folder = try TestPaths.temporaryFolder()
        let piece = NoteEncoder.piece(of: try StandardMIDIFile(contentsOf: Self.fixture), parameters: .init(kind: .performance))
        let text = piece.map(\.name).joined(separator: "\n"), json = "[" + piece.map { jsonString($0.name) }.joined(separator: ", ") + "]"
        for (name, contents) in [("t.txt", text), ("t.json", json)] {
            try contents.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
            let decoded = try TokenFile.decode(folder + "/" + name, corpus: nil, parameters: .init(kind: .performance),
                                               program: 0, to: folder + "/\(name).mid")
            #expect(decoded.tokens == piece.count && decoded.notes == 216, "\(name)")
            #expect(try StandardMIDIFile(contentsOf: folder + "/\(name).mid").notes().notes.count == 216)
        }
    }

    @Test func badInputSaysWhatAndWhere() throws {
        let folder = try TestPaths.temporaryFolder()
        try "NOTE_ON_60\nTIME_SHIFT_100ms\nNOTE_ON_999\n".write(toFile: folder + "/bad.txt", atomically: true, encoding: .utf8)
        let cases = [(folder + "/bad.txt", "\(folder)/bad.txt: token 3, 'NOTE_ON_999', is not a token name"),
                     (folder + "/none.txt", "cannot read \(folder)/none.txt"),
                     (folder + "/x.npy", "a .npy of token ids needs --corpus DIR for its vocabulary")]
        for (path, message) in cases {
            let error = #expect(throws: TokenFile.Error.self) { try TokenFile(path: path, corpus: nil) }
            #expect(error?.description == message)
        }
        #expect(throws: TokenFile.Error.self) { try TokenFile.names(in: "[1, 2]", file: "f") }
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.mid"))
    }
}
