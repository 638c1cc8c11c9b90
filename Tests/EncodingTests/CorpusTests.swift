import Encoding
import Foundation
import MIDIFile
import TestSupport
import Testing

/// Preprocessing a folder into a corpus, and the corpus files themselves.
@Suite struct CorpusTests {
    @Test func npyRoundTripAndNumpyReadsIt() throws {
        let folder = try TestPaths.temporaryFolder()
        let narrow: [UInt32] = [0, 1, 389, 65535, 7]
        let wide: [UInt32] = [0, 70_000, 4_000_000_000]
        try NPY.encode(narrow).write(to: URL(fileURLWithPath: folder + "/a.npy"))
        try NPY.encode(wide).write(to: URL(fileURLWithPath: folder + "/b.npy"))
        #expect(try NPY.read(folder + "/a.npy") == narrow)
        #expect(try NPY.read(folder + "/b.npy") == wide)
        // numpy itself must read them with the right dtype and values.
        let script = "import numpy; a = numpy.load('\(folder)/a.npy'); b = numpy.load('\(folder)/b.npy'); "
            + "print(a.dtype, a.tolist(), b.dtype, b.tolist())"
        let out = try run("/usr/bin/env", ["python3", "-c", script])
        #expect(out == "uint16 [0, 1, 389, 65535, 7] uint32 [0, 70000, 4000000000]\n")
    }

    @Test func npyRejectsWhatItCannotRead() throws {
        let folder = try TestPaths.temporaryFolder()
        try Data("not numpy".utf8).write(to: URL(fileURLWithPath: folder + "/x.npy"))
        #expect(throws: NPY.FormatError.self) { try NPY.read(folder + "/x.npy") }
    }

    @Test func everyEdgeFileIsUsedOrSkippedWithAReason() throws {
        var options = Preprocessor.Options(encoding: EncodingParameters(kind: .performance))
        options.jobs = 2
        let corpus = Preprocessor(options: options).run(paths: [TestPaths.shared("edge")])
        let m = corpus.manifest
        #expect(m.files.count + m.skipped.count == 58)
        #expect(m.files.count >= 30)
        let reasons = Dictionary(uniqueKeysWithValues: m.skipped.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.reason) })
        #expect(reasons["empty-zero-byte-file--jazzsoft.mid"] == "empty file (0 bytes)")
        #expect(reasons["not-a-midi-file-text--jazzsoft.mid"]?.hasPrefix("not a MIDI file") == true)
        #expect(reasons["minimal-one-empty-track--jazzsoft.mid"] == "no notes")
        #expect(reasons["gm-percussion-channel-10--jazzsoft.mid"] == "no notes left after leaving out drums and unselected tracks")
        #expect(m.skipped.allSatisfy { !$0.reason.isEmpty })
        // Tokens are pieces laid end to end: as many starts as ends, and as many as pieces.
        let v = Vocabulary.performance
        #expect(corpus.train.filter { $0 == v.pieceStart }.count == m.train.pieces)
        #expect(corpus.train.filter { $0 == v.pieceEnd }.count == m.train.pieces)
        #expect(corpus.train.count == m.train.tokens && corpus.val.count == m.val.tokens)
    }

    @Test(.tags(.slow), .timeLimit(.minutes(3))) func splitIsByContentAndRepeatable() throws {
        var options = Preprocessor.Options(encoding: EncodingParameters(kind: .performance))
        options.valFraction = 0.3
        let a = Preprocessor(options: options).run(paths: [TestPaths.shared("piano/bach")])
        options.jobs = 1
        let b = Preprocessor(options: options).run(paths: [TestPaths.shared("piano/bach")])
        #expect(a.train == b.train && a.val == b.val)
        #expect(a.manifest.files.map(\.split) == b.manifest.files.map(\.split))
        let valShare = Double(a.manifest.val.files) / Double(a.manifest.files.count)
        #expect(valShare > 0.2 && valShare < 0.4)
    }

    @Test(.tags(.slow), .timeLimit(.minutes(3))) func transpositionAugmentsTrainingOnly() throws {
        var options = Preprocessor.Options(encoding: EncodingParameters(kind: .combination))
        options.transpose = -5...6
        options.valFraction = 0.3
        let corpus = Preprocessor(options: options).run(paths: [TestPaths.shared("piano/bach")])
        let m = corpus.manifest
        #expect(m.train.pieces == 12 * m.train.files)
        #expect(m.val.pieces == m.val.files)
        #expect(m.vocabulary.count > 3)
    }

    @Test(.tags(.slow), .timeLimit(.minutes(3))) func minCountMapsRareCombinationsAndReportsIt() throws {
        var options = Preprocessor.Options(encoding: EncodingParameters(kind: .combination))
        options.minCount = 10
        let few = Preprocessor(options: options).run(paths: [TestPaths.shared("piano/bach")])
        options.minCount = 1
        let all = Preprocessor(options: options).run(paths: [TestPaths.shared("piano/bach")])
        let rare = try #require(few.manifest.rareCombinations)
        #expect(few.manifest.vocabulary.count < all.manifest.vocabulary.count / 2)
        #expect(rare.mappedCombinations > 0 && rare.changedFrames > 0 && rare.changedFrames < rare.totalFrames)
        #expect(few.train.count == all.train.count)
    }

    @Test func writeIsAtomicAndReadsBack() throws {
        let parent = try TestPaths.temporaryFolder()
        let folder = parent + "/corpus"
        let options = Preprocessor.Options(encoding: EncodingParameters(kind: .performance))
        let first = Preprocessor(options: options).run(paths: [TestPaths.shared("edge/tiny-running-status--minimidi.mid")])
        try first.write(to: folder)
        let second = Preprocessor(options: options).run(paths: [TestPaths.shared("piano/bach/bwv289.mid")])
        try second.write(to: folder)  // replaces the first
        let loaded = try Corpus(contentsOf: folder)
        #expect(loaded.train == second.train && loaded.val == second.val)
        #expect(loaded.manifest == second.manifest)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["corpus"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["corpus.json", "train.npy", "val.npy"])
    }

    @Test func corpusLoadErrorsSayWhatAndWhere() throws {
        let folder = try TestPaths.temporaryFolder()
        #expect(throws: Corpus.LoadError.self) { try Corpus(contentsOf: folder) }
        let corpus = Preprocessor(options: .init(encoding: .init(kind: .performance)))
            .run(paths: [TestPaths.shared("piano/bach/bwv289.mid")])
        try corpus.write(to: folder)
        try NPY.encode([0, 1, 500]).write(to: URL(fileURLWithPath: folder + "/train.npy"))
        let error = #expect(throws: Corpus.LoadError.self) { try Corpus(contentsOf: folder) }
        #expect(error?.description == "\(folder)/train.npy: token 500 at index 2 is outside the vocabulary of 390")
    }

    @Test func sustainPedalExtendsNotes() throws {
        let file = try StandardMIDIFile(contentsOf: TestPaths.shared("edge/damper-pedal-cc64--jazzsoft.mid"))
        let dry = PianoNotes.extract(from: file, sustain: false)
        let wet = PianoNotes.extract(from: file, sustain: true)
        #expect(dry.count == wet.count && !dry.isEmpty)
        #expect(zip(dry, wet).contains { $1.end > $0.end + 0.1 })
        #expect(zip(dry, wet).allSatisfy { $1.end >= $0.end && $1.start == $0.start })
    }

    @Test func trackSelection() throws {
        let file = try StandardMIDIFile(contentsOf: TestPaths.shared("piano/pop909/005.mid"))
        let melody = PianoNotes.extract(from: file, tracks: try TrackSelector(parsing: "MELODY"))
        let byIndex = PianoNotes.extract(from: file, tracks: try TrackSelector(parsing: "1"))
        let all = PianoNotes.extract(from: file)
        #expect(!melody.isEmpty && melody == byIndex && melody.count < all.count)
        #expect(PianoNotes.extract(from: file, tracks: try TrackSelector(parsing: "program:5")).isEmpty)
        #expect(throws: TrackSelector.ParseError.self) { try TrackSelector(parsing: "program:200") }
        #expect(throws: TrackSelector.ParseError.self) { try TrackSelector(parsing: ",") }
    }

    func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
