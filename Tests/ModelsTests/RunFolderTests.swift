import Encoding
import Foundation
import Models
import Testing

/// The trainer never starts afresh over an existing run folder; `resume` is how to continue one.
@Suite struct RunFolderTests {
    static let fixture: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/Tests/Fixtures/bach-bwv289.mid"
    }()

    static let corpus = Preprocessor(options: .init(encoding: .init(kind: .performance))).run(paths: [fixture])

    /// A temporary folder; with `run`, it holds a `last.safetensors` (not a real model: no test gets that far).
    static func folder(run: Bool) throws -> String {
        let path = NSTemporaryDirectory() + "yamg-runfolder-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if run { try Data("not a model".utf8).write(to: URL(fileURLWithPath: path + "/last.safetensors")) }
        return path
    }

    @Test func refusesAnExistingRunUnlessResuming() throws {
        let existing = try Self.folder(run: true)
        let error = #expect(throws: Trainer.RunFolderInUse.self) { try Trainer.checkRunFolder(existing, resume: false) }
        #expect(error?.description == "\(existing) already holds a training run (last.safetensors); "
                + "continue it with --resume, or train into another folder")
        try Trainer.checkRunFolder(existing, resume: true)
        try Trainer.checkRunFolder(try Self.folder(run: false), resume: false)
        try Trainer.checkRunFolder(existing + "/not-yet-made", resume: false)
    }

    @Test func theTrainerItselfRefuses() throws {
        let existing = try Self.folder(run: true)
        var options = Trainer.Options()
        #expect(throws: Trainer.RunFolderInUse.self) {
            try Trainer(corpus: Self.corpus, hyper: .defaults(for: .lstm), options: options, folder: existing)
        }
        // Resuming gets past the guard to the saved model (here not a model at all).
        options.resume = true
        #expect(throws: ModelFile.LoadError.self) {
            try Trainer(corpus: Self.corpus, hyper: .defaults(for: .lstm), options: options, folder: existing)
        }
    }

    @Test func theFolderIsCheckedBeforeTheCorpusIsRead() throws {
        let existing = try Self.folder(run: true), missingCorpus = try Self.folder(run: false) + "/no-corpus"
        #expect(throws: Trainer.RunFolderInUse.self) {
            try Trainer(corpusFolder: missingCorpus, hyper: .defaults(for: .lstm), options: .init(), folder: existing)
        }
        #expect(throws: Corpus.LoadError.self) {
            try Trainer(corpusFolder: missingCorpus, hyper: .defaults(for: .lstm), options: .init(), folder: try Self.folder(run: false))
        }
    }
}
