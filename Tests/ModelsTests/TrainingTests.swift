import Encoding
import Foundation
import Models
import NeuralNet
import TestSupport
import Testing

/// Training end to end on real corpora: exact resume, learning, model files.
@Suite(.serialized) struct TrainingTests {
    static let piano = TestPaths.shared("piano")

    /// The piano corpus (performance encoding), built once.
    static let corpus: Corpus = {
        var options = Preprocessor.Options(encoding: EncodingParameters(kind: .performance))
        options.valFraction = 0.1
        return Preprocessor(options: options).run(paths: [piano])
    }()

    static func folder() throws -> String { try TestPaths.temporaryFolder("train") }

    static func small(_ arch: Hyperparameters.Arch) -> Hyperparameters {
        var h = Hyperparameters.defaults(for: arch)
        if arch == .lstm { (h.embed, h.hidden, h.layers, h.seqLen, h.batch) = (32, 64, 2, 32, 8) }
        else { (h.embed, h.batch) = (16, 64) }
        return h
    }

    /// Unigram baseline: the cross-entropy of predicting every validation token by training frequencies.
    static func unigramLoss(_ corpus: Corpus) -> Double {
        var counts = [Double](repeating: 1, count: corpus.manifest.vocabulary.count)  // add-one smoothing
        for t in corpus.train { counts[Int(t)] += 1 }
        let total = counts.reduce(0, +)
        return corpus.val.reduce(0.0) { $0 - log(counts[Int($1)] / total) } / Double(corpus.val.count)
    }

    @Test(.tags(.slow), .timeLimit(.minutes(10)), arguments: [Hyperparameters.Arch.lstm, .seed])
    func resumeContinuesExactly(arch: Hyperparameters.Arch) throws {
        BLAS.threads = 1  // one thread: products sum in a fixed order
        var options = Trainer.Options()
        options.steps = 24
        options.evalEvery = 8
        options.maxEvalBatches = 2
        let whole = try Self.folder(), split = try Self.folder()
        let uninterrupted = try Trainer(corpus: Self.corpus, hyper: Self.small(arch), options: options, folder: whole)
        _ = try uninterrupted.run()
        var calls = 0
        let first = try Trainer(corpus: Self.corpus, hyper: Self.small(arch), options: options, folder: split)
        let stopped = try first.run(shouldStop: { calls += 1; return calls > 13 })
        #expect(stopped.interrupted && stopped.steps == 13)
        options.resume = true
        let resumed = try Trainer(corpus: Self.corpus, hyper: Self.small(arch), options: options, folder: split)
        let summary = try resumed.run()
        #expect(summary.steps == 24 && !summary.interrupted)
        let a = try String(contentsOfFile: whole + "/loss.csv", encoding: .utf8)
        let b = try String(contentsOfFile: split + "/loss.csv", encoding: .utf8)
        // Validation losses at steps 8, 16, 24 and the train loss of the last logged window (steps 21–24)
        // match; the window cut by the stop at 13 is logged differently, so it is not compared.
        func rows(_ csv: String) -> [[Substring]] { csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) } }
        let valA = rows(a).filter { !$0[3].isEmpty }.map { [$0[0], $0[3]] }, valB = rows(b).filter { !$0[3].isEmpty }.map { [$0[0], $0[3]] }
        #expect(valA.count == 3 && valA == valB, "\(a)\n---\n\(b)")
        #expect(rows(a).last?[2] == rows(b).last?[2])
        let (_, modelA) = try ModelFile.load(whole + "/last.safetensors")
        let (_, modelB) = try ModelFile.load(split + "/last.safetensors")
        #expect(modelA.parameters.count == modelB.parameters.count && !modelA.parameters.isEmpty)
        for (p, q) in zip(modelA.parameters, modelB.parameters) {
            let diff = zip(p.values, q.values).map { abs($0 - $1) }.max() ?? 0
            #expect(diff <= 1e-6, "\(p.name) differs by \(diff)")
        }
        BLAS.threads = 2
    }

    @Test(.tags(.slow), .timeLimit(.minutes(8)), arguments: [Hyperparameters.Arch.lstm, .seed])
    func learnsBeyondTheUnigramBaseline(arch: Hyperparameters.Arch) throws {
        var options = Trainer.Options()
        options.steps = arch == .lstm ? 300 : 1000
        options.maxEvalBatches = 40
        var hyper = Self.small(arch)
        if arch == .lstm { (hyper.hidden, hyper.seqLen, hyper.batch) = (128, 64, 16) }
        hyper.optimizer.learningRate = 3e-3
        let trainer = try Trainer(corpus: Self.corpus, hyper: hyper, options: options, folder: try Self.folder())
        let summary = try trainer.run()
        let baseline = Self.unigramLoss(Self.corpus)
        let val = try #require(summary.lastValLoss)
        // Clearly below: at least 0.5 nats per token better than token frequencies alone.
        #expect(val < baseline - 0.5, "\(arch): val loss \(val), unigram baseline \(baseline)")
    }

    /// On a corpus of a few pieces an epoch is a few steps: `epoch-NNN` checkpoints then come at most once per 50
    /// steps, not once per epoch (19 pieces once made 200 files of 16 MB in 600 steps).
    @Test(.tags(.slow), .timeLimit(.minutes(5))) func aSmallCorpusGetsFewEpochCheckpoints() throws {
        let chorales = try FileManager.default.contentsOfDirectory(atPath: Self.piano + "/bach").sorted().prefix(8)
            .map { Self.piano + "/bach/" + $0 }
        var preprocess = Preprocessor.Options(encoding: EncodingParameters(kind: .performance))
        preprocess.valFraction = 0.3
        let corpus = Preprocessor(options: preprocess).run(paths: chorales)
        var options = Trainer.Options()
        options.steps = 120
        options.maxEvalBatches = 2
        let folder = try Self.folder()
        let trainer = try Trainer(corpus: corpus, hyper: Self.small(.lstm), options: options, folder: folder)
        try #require(trainer.stepsPerEpoch < 50, "a small corpus: \(trainer.stepsPerEpoch) steps per epoch")
        _ = try trainer.run()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("epoch-") }.sorted()
        let epochs = files.compactMap { Int($0.dropFirst(6).prefix(3)) }
        let every = trainer.epochsPerCheckpoint
        #expect(every * trainer.stepsPerEpoch >= 50 && (every - 1) * trainer.stepsPerEpoch < 50)
        #expect(epochs == Array(stride(from: every, through: 120 / trainer.stepsPerEpoch, by: every)), "\(files)")
        #expect(!epochs.isEmpty && epochs.count < 120 / trainer.stepsPerEpoch, "\(files)")
    }

    @Test(.tags(.slow), .timeLimit(.minutes(10))) func modelFileIsSelfContainedAndChecked() throws {
        let folder = try Self.folder()
        var options = Trainer.Options()
        options.steps = 2
        options.maxEvalBatches = 1
        let trainer = try Trainer(corpus: Self.corpus, hyper: Self.small(.lstm), options: options, folder: folder)
        _ = try trainer.run()
        let path = folder + "/last.safetensors"
        let (file, model) = try ModelFile.load(path)
        #expect(file.hyper == Self.small(.lstm))
        #expect(file.encoding.kind == .performance && file.vocabulary == Vocabulary.performance.names)
        #expect(file.step == 2 && file.valLoss != nil)
        #expect(model.parameters.map(\.name).contains("lstm.weight_hh_l1"))
        // Broken files: one line naming the file and the problem.
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let truncated = folder + "/truncated.safetensors"
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: truncated))
        #expect(throws: ModelFile.LoadError.self) { try ModelFile.load(truncated) }
        let error = #expect(throws: ModelFile.LoadError.self) { try ModelFile.load(folder + "/missing.safetensors") }
        #expect(error?.description == "\(folder)/missing.safetensors: cannot read the file (missing or not readable)")
        var future = try Safetensors.read(path)
        future.metadata["format_version"] = "99"
        try Safetensors.write(future, to: folder + "/future.safetensors")
        let versionError = #expect(throws: ModelFile.LoadError.self) { try ModelFile.load(folder + "/future.safetensors") }
        #expect(versionError?.problem == "model format version 99; this yamg reads version 1")
        var mismatch = try Safetensors.read(path)
        mismatch.metadata["vocabulary"] = "[\"PIECE_START\",\"PIECE_END\",\"NOTE_ON_60\"]"
        try Safetensors.write(mismatch, to: folder + "/mismatch.safetensors")
        let vocabError = #expect(throws: ModelFile.LoadError.self) { try ModelFile.load(folder + "/mismatch.safetensors") }
        #expect(vocabError?.problem.contains("does not match the performance encoding") == true)
    }

    @Test func safetensorsRoundTripAndHalfPrecision() throws {
        let folder = try Self.folder()
        let file = Safetensors.File(metadata: ["a": "b"], tensors: ["x": .init(shape: [2, 3], values: [1, -2, 3.5, 0, 1e-3, 65504])])
        try Safetensors.write(file, to: folder + "/f.safetensors")
        #expect(try Safetensors.read(folder + "/f.safetensors") == file)
        try Safetensors.write(file, to: folder + "/h.safetensors", halfPrecision: true)
        let half = try Safetensors.read(folder + "/h.safetensors")
        #expect(half.tensors["x"]?.shape == [2, 3] && half.tensors["x"]?.values.count == 6)
        for (a, b) in zip(half.tensors["x"]!.values, file.tensors["x"]!.values) { #expect(abs(a - b) <= abs(b) * 1e-3) }
        // The header is 8-byte aligned JSON, as the format asks.
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/f.safetensors")))
        let n = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(n % 8 == 0 && bytes[8] == UInt8(ascii: "{"))
    }
}
