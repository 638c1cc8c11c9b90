import Foundation
import TestSupport
import Testing

/// `yamg train --from MODEL`, run as a user would: it refuses a model of another language in one line, and on a small
/// style set it gets further than training from scratch in the same number of steps.
@Suite(.serialized, .tags(.slow), .timeLimit(.minutes(5))) struct FineTuneCommandTests {
    static func preprocess(_ paths: [String], _ extra: [String] = []) throws -> String {
        let folder = try TestPaths.temporaryFolder() + "/corpus"
        let run = try CLI.run(["preprocess"] + paths + ["-o", folder] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return folder
    }

    /// The lowest validation loss a run's loss.csv holds.
    static func bestValidationLoss(_ run: String) throws -> Double {
        let csv = try String(contentsOfFile: run + "/loss.csv", encoding: .utf8)
        let losses = csv.split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",")[3]) }
        #expect(losses.count >= 3, "\(run): \(losses.count) evaluations")
        return losses.min() ?? .infinity
    }

    @Test func anotherEncodingOrVocabularyIsOneLine() throws {
        let base = TinyModel.cli.model  // performance encoding
        let folder = try TestPaths.temporaryFolder()
        let combination = try Self.preprocess([TestPaths.fixture], ["--encoding", "combination", "--min-count", "1"])
        let wrongEncoding = try CLI.run(["train", combination, "-o", folder + "/a", "--from", base, "--steps", "2"])
        #expect(wrongEncoding.status == 1)
        #expect(wrongEncoding.stderr.split(separator: "\n").count == 1, "\(wrongEncoding.stderr)")
        #expect(wrongEncoding.stderr.contains("it was trained on the performance encoding, the corpus uses combination"),
                "\(wrongEncoding.stderr)")
        // A combination model of the chorales, and a combination corpus of pop songs: another vocabulary.
        let small = ["--embed", "8", "--hidden", "16", "--layers", "1", "--seq-len", "8", "--batch", "2", "--eval-batches", "1"]
        let chorales = try Self.preprocess([TestPaths.shared("piano/bach")], ["--encoding", "combination"])
        let trained = try CLI.run(["train", chorales, "-o", folder + "/c", "--steps", "2"] + small)
        #expect(trained.status == 0, "\(trained.stderr)")
        let songs = try Self.preprocess([TestPaths.shared("piano/pop909")], ["--encoding", "combination"])
        let wrongVocabulary = try CLI.run(["train", songs, "-o", folder + "/d", "--from", folder + "/c/last.safetensors", "--steps", "2"])
        #expect(wrongVocabulary.status == 1)
        #expect(wrongVocabulary.stderr.split(separator: "\n").count == 1, "\(wrongVocabulary.stderr)")
        #expect(wrongVocabulary.stderr.contains("differs from the corpus's") && wrongVocabulary.stderr.contains("vocabulary"),
                "\(wrongVocabulary.stderr)")
        // A file that is not there: one line too.
        let missing = try CLI.run(["train", songs, "-o", folder + "/e", "--from", folder + "/none.safetensors"])
        #expect(missing.status == 64 && missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
        #expect(missing.stderr.contains("--from") && missing.stderr.contains("none.safetensors"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/a/last.safetensors"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/d/last.safetensors"))
    }

    /// The tiny model (trained on the chorales) fine-tuned on twenty pop songs for 40 steps reaches a lower
    /// validation loss on their held-out songs than the same shape trained from scratch for 40 steps.
    @Test func fineTuningBeatsScratchInTheSameSteps() throws {
        let style = try TestPaths.temporaryFolder() + "/style"
        try FileManager.default.createDirectory(atPath: style, withIntermediateDirectories: true)
        let songs = try FileManager.default.contentsOfDirectory(atPath: TestPaths.shared("piano/pop909")).filter { $0.hasSuffix(".mid") }.sorted()
        #expect(songs.count >= 20)
        for song in songs.prefix(20) {
            try FileManager.default.copyItem(atPath: TestPaths.shared("piano/pop909/" + song), toPath: style + "/" + song)
        }
        let corpus = try Self.preprocess([style], ["--val-fraction", "0.2"])
        let folder = try TestPaths.temporaryFolder()
        let common = ["--steps", "40", "--eval-every", "10", "--eval-batches", "0", "--seed", "3"]
        let tuned = try CLI.run(["train", corpus, "-o", folder + "/tuned", "--from", TinyModel.cli.model] + common)
        #expect(tuned.status == 0, "\(tuned.stderr)")
        #expect(tuned.stderr.contains("fine-tuning"), "the log says where it starts: \(tuned.stderr.prefix(300))")
        // The same shape as the tiny model and the same schedule, from random weights.
        let scratch = try CLI.run(["train", corpus, "-o", folder + "/scratch", "--embed", "16", "--hidden", "48", "--layers", "1",
                                   "--seq-len", "32", "--batch", "8", "--lr", "0.001", "--warmup", "20"] + common)
        #expect(scratch.status == 0, "\(scratch.stderr)")
        let fromModel = try Self.bestValidationLoss(folder + "/tuned"), fromScratch = try Self.bestValidationLoss(folder + "/scratch")
        #expect(fromModel < fromScratch - 0.1, "fine-tuned \(fromModel), from scratch \(fromScratch) nats/token")
    }
}
