import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport
import Testing

/// `yamg train`, `yamg eval` and `yamg bench train`, run as a user would.
@Suite(.serialized, .tags(.slow), .timeLimit(.minutes(5))) struct TrainCommandTests {
    static let small = ["--embed", "16", "--hidden", "32", "--layers", "1", "--seq-len", "16", "--batch", "4"]

    static func corpus() throws -> String {
        let folder = try TestPaths.temporaryFolder() + "/corpus"
        let run = try CLI.run(["preprocess", TestPaths.shared("piano/bach"), "-o", folder])
        #expect(run.status == 0, "\(run.stderr)")
        return folder
    }

    @Test func trainEvalAndResume() throws {
        let corpus = try Self.corpus()
        let out = try TestPaths.temporaryFolder() + "/run"
        let train = try CLI.run(["train", corpus, "-o", out, "--steps", "20", "--eval-every", "10", "--eval-batches", "3"] + Self.small)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("done: 20 steps"))
        #expect(train.stderr.contains("step 10, epoch 0: val loss"))
        for name in ["best.safetensors", "last.safetensors", "last.state.safetensors", "loss.csv", "loss.svg"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name)")
        }
        let csv = try String(contentsOfFile: out + "/loss.csv", encoding: .utf8)
        #expect(csv.hasPrefix("step,epoch,train_loss,val_loss,learning_rate,tokens_per_s\n10,1,"))
        let svg = try String(contentsOfFile: out + "/loss.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("<polyline") && svg.contains("validation"))
        _ = try XMLDocument(data: Data(svg.utf8))  // well-formed

        let eval = try CLI.run(["eval", out + "/last.safetensors", corpus, "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])
        #expect((json["loss"] as? Double ?? 0) > 0 && (json["perplexity"] as? Double ?? 0) > 1)

        let again = try CLI.run(["train", corpus, "-o", out, "--steps", "30"] + Self.small)
        #expect(again.status == 1 && again.stderr.contains("already holds a training run") && again.stderr.contains("--resume"),
                "a finished run is never trained over without --resume: \(again.stderr)")
        let more = try CLI.run(["train", corpus, "-o", out, "--steps", "30", "--resume"] + Self.small)
        #expect(more.status == 0, "\(more.stderr)")
        #expect(more.stderr.contains("resuming at step 20 of 20"))
        #expect(more.stdout.contains("done: 20 steps"))
    }

    @Test func interruptSavesAndResumes() throws {
        let corpus = try Self.corpus()
        let out = try TestPaths.temporaryFolder() + "/run"
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["train", corpus, "-o", out, "--steps", "100000", "--eval-batches", "1"] + Self.small
        process.standardOutput = Pipe()
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 2)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let output = String(decoding: (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output.contains("stopped at step") && output.contains("--resume"), "\(output)")
        #expect(FileManager.default.fileExists(atPath: out + "/last.state.safetensors"))
        let info = try CLI.run(["eval", out + "/last.safetensors", corpus, "--max-batches", "1"])
        #expect(info.status == 0, "\(info.stderr)")
    }

    @Test func badInputGetsOneLine() throws {
        let corpus = try Self.corpus()
        let folder = try TestPaths.temporaryFolder()
        let cases: [([String], String)] = [
            (["train", folder, "-o", folder + "/r"], "corpus.json: missing"),
            (["train", corpus, "-o", folder + "/r", "--arch", "transformer"], "transformer"),
            (["train", corpus, "-o", folder + "/r", "--dropout", "1.5"], "--dropout must be in [0, 1)"),
            (["train", corpus, "-o", folder + "/r", "--resume"], "last.safetensors: cannot read the file"),
            (["eval", folder + "/none.safetensors", corpus], "none.safetensors: cannot read the file"),
        ]
        for (arguments, message) in cases {
            let run = try CLI.run(arguments)
            #expect(run.status != 0)
            // The first line says what is wrong (argument errors add the usage after it).
            #expect(run.stderr.split(separator: "\n").first?.contains(message) == true, "\(arguments): \(run.stderr)")
        }
    }

    @Test func benchTrainPrintsResult() throws {
        let run = try CLI.run(["bench", "train", "--steps", "2"] + Self.small)
        #expect(run.status == 0, "\(run.stderr)")
        let last = try #require(run.stdout.split(separator: "\n").last)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(last.dropFirst(7).utf8)) as? [String: Any])
        #expect(json["arch"] as? String == "lstm" && (json["tokens_per_s"] as? Double ?? 0) > 0)
        #expect(json["vocab"] as? Int == 388)
    }

    /// `--profile`: the step's time by kind of work (the kinds and the rest add up to the step) and the
    /// products' rate against the measured sgemm ceiling.
    @Test func benchTrainProfilesTheStep() throws {
        let run = try CLI.run(["bench", "train", "--steps", "2", "--profile", "--arch", "seed", "--batch", "64"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("where a step's time goes:") && run.stdout.contains("sgemm ceiling"))
        let last = try #require(run.stdout.split(separator: "\n").last)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(last.dropFirst(7).utf8)) as? [String: Any])
        let profile = try #require(json["profile"] as? [String: Double], "\(last)")
        let parts = ["products_ms", "recurrent_products_ms", "softmax_ms", "optimizer_ms", "elementwise_ms"].compactMap { profile[$0] }
        #expect(parts.count == 5)
        #expect((profile["products_ms"] ?? 0) > 0 && (profile["softmax_ms"] ?? 0) > 0 && profile["recurrent_products_ms"] == 0)
        let step = try #require(json["ms_per_step"] as? Double)
        // The parts add up to the mean step; the figure printed is the median, so allow for the difference.
        #expect(abs(parts.reduce(0, +) - step) < 0.5 * step, "\(profile) against \(step) ms")
        let gflops = try #require(profile["gflops"]), ceiling = try #require(profile["sgemm_ceiling_gflops"])
        #expect(gflops > 0 && ceiling > 0 && abs((profile["ceiling_share"] ?? 0) - gflops / ceiling) < 0.01)
    }
}
