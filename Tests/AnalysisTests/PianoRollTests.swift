import Analysis
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MIDIFile
import TestSupport
import Testing

/// `PianoRoll.svg`: a well-formed picture with one rectangle per note, whatever the title holds.
struct PianoRollTests {
    @Test func oneRectanglePerNote() throws {
        let notes = try StandardMIDIFile(contentsOf: TestPaths.fixture).notes().notes
        let svg = try XMLDocument(data: Data(PianoRoll.svg(notes, title: "bach-bwv289.mid").utf8))
        #expect(try svg.nodes(forXPath: "//*[local-name()='rect'][@class='note']").count == notes.count)
        #expect(try svg.nodes(forXPath: "//*[local-name()='text'][starts-with(., 'C')]").count >= 3)  // a label on every C
    }

    /// A file name with markup characters in it is drawn as written, and the file still parses.
    @Test func titleIsEscaped() throws {
        let title = #"<Tom & Jerry> "live".mid"#
        let notes = [Note(pitch: 60, velocity: 100, start: 0, end: 1)]
        let svg = try XMLDocument(data: Data(PianoRoll.svg(notes, title: title).utf8))
        let titles = try svg.nodes(forXPath: "//*[local-name()='title']")
        #expect(titles.map(\.stringValue) == [title])
        #expect(try svg.nodes(forXPath: "//*[local-name()='rect'][@class='note']").count == 1)
    }

    @Test func noNotesStillDraws() throws {
        let svg = try XMLDocument(data: Data(PianoRoll.svg([]).utf8))
        #expect(try svg.nodes(forXPath: "//*[local-name()='rect'][@class='note']").isEmpty)
    }
}
