import Encoding
import Foundation
import TestSupport
import Testing

/// `Preprocessor.run(paths:writingTo:)`, the entry point of `yamg preprocess`: a corpus on disk, or nothing
/// at all when no file gives notes.
@Suite struct PreprocessorWriteTests {
    static let fixture = TestPaths.fixture
    static let empty = TestPaths.sharedData + "/edge/empty-zero-byte-file--jazzsoft.mid"

    @Test func writesTheCorpusItReturns() throws {
        let folder = try TestPaths.temporaryFolder() + "/corpus"
        let corpus = try Preprocessor(options: .init(encoding: .init(kind: .performance))).run(paths: [Self.fixture, Self.empty],
                                                                                             writingTo: folder)
        #expect(corpus.manifest.files.count == 1 && corpus.manifest.skipped.count == 1)
        let read = try Corpus(contentsOf: folder)
        #expect(read.train == corpus.train && read.val == corpus.val)
    }

    @Test func nothingUsableWritesNothing() throws {
        let folder = try TestPaths.temporaryFolder() + "/corpus"
        let error = #expect(throws: Preprocessor.NothingUsable.self) {
            try Preprocessor(options: .init(encoding: .init(kind: .performance))).run(paths: [Self.empty], writingTo: folder)
        }
        #expect(error?.description == "no usable MIDI files under \(Self.empty) (1 skipped)")
        #expect(error?.skipped.first?.reason == "empty file (0 bytes)")
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func minCountDefaultsByEncoding() {
        #expect(Preprocessor.defaultMinCount(for: .combination) == 20 && Preprocessor.defaultMinCount(for: .performance) == 1)
    }
}

/// `PreprocessBenchmark`, the entry point of `yamg bench preprocess`.
@Suite struct PreprocessBenchmarkTests {
    @Test func timesEachPassAndKeepsTheLastCorpus() {
        let preprocessor = Preprocessor(options: .init(encoding: .init(kind: .performance)))
        let b = PreprocessBenchmark.run(preprocessor, paths: [PreprocessorWriteTests.fixture], passes: 2)
        #expect(b.passes.count == 2 && b.best <= b.median)
        let corpus = preprocessor.run(paths: [PreprocessorWriteTests.fixture])
        #expect(b.manifest.files.count == 1 && b.notes == 216 && b.tokens == corpus.train.count + corpus.val.count)
    }
}
