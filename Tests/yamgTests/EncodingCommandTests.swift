import Foundation
import TestSupport
import Testing

/// `yamg preprocess`, `encode`, `decode`, `corpus info` and `bench preprocess`, end to end.
@Suite struct EncodingCommandTests {
    static let data = TestPaths.sharedData

    @Test(.tags(.slow), .timeLimit(.minutes(3))) func preprocessWritesACorpusAndReportsIt() throws {
        let out = try TestPaths.temporaryFolder() + "/corpus"
        let run = try CLI.run(["preprocess", Self.data + "/edge", Self.data + "/piano/bach", "-o", out, "--transpose", "-1..1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("files used"))
        #expect(run.stdout.contains("skipped 1: empty file (0 bytes)"))
        #expect(run.stdout.contains("vocabulary: 390 tokens"))
        #expect(run.stdout.range(of: #"train: \d+ files, \d+ pieces, \d+ tokens( \(with transposed copies\))?, \d+ notes, \d+\.\d\d hours of music"#, options: .regularExpression) != nil)
        for name in ["train.npy", "val.npy", "corpus.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name))
        }
        let info = try CLI.run(["corpus", "info", out])
        #expect(info.status == 0)
        #expect(info.stdout.contains("top tokens (train):"))
        #expect(info.stdout.contains("skipped ") && info.stdout.contains("empty-zero-byte-file--jazzsoft.mid: empty file (0 bytes)"))
        #expect(info.stdout.range(of: #"pitch range \(train\): \d+–\d+"#, options: .regularExpression) != nil)
    }

    @Test func encodeThenDecodeGivesTheNotesBack() throws {
        let folder = try TestPaths.temporaryFolder()
        for encoding in ["performance", "combination"] {
            let encoded = try CLI.run(["encode", TestPaths.fixture, "--encoding", encoding])
            #expect(encoded.status == 0)
            let lines = encoded.stdout.split(separator: "\n")
            #expect(lines.first == "PIECE_START" && lines.last == "PIECE_END")
            try encoded.stdout.write(toFile: folder + "/\(encoding).txt", atomically: true, encoding: .utf8)
            let decoded = try CLI.run(["decode", folder + "/\(encoding).txt", "-o", folder + "/\(encoding).mid"])
            #expect(decoded.status == 0, "\(decoded.stderr)")
            let info = try CLI.run(["midi", "info", folder + "/\(encoding).mid"])
            // The chorale has 219 notes, 3 of them doubling a pitch another voice already holds (one key, one string).
            #expect(info.stdout.contains("notes: 216, pitch range D#2–E5"), "\(info.stdout)")
            #expect(!info.stdout.contains("warnings"))
        }
        let json = try CLI.run(["encode", TestPaths.fixture, "--json"])
        let names = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String])
        #expect(names.contains("NOTE_ON_60") && names.contains { $0.hasPrefix("TIME_SHIFT_") })
    }

    @Test func decodeNpyWithItsCorpus() throws {
        let folder = try TestPaths.temporaryFolder()
        #expect(try CLI.run(["preprocess", TestPaths.fixture, "-o", folder + "/c", "--encoding", "combination", "--val-fraction", "0",
                                "--min-count", "1"]).status == 0)
        let run = try CLI.run(["decode", folder + "/c/train.npy", "--corpus", folder + "/c", "-o", folder + "/out.mid"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try CLI.run(["midi", "info", folder + "/out.mid"]).stdout.contains("notes: 216"))
        let missing = try CLI.run(["decode", folder + "/c/train.npy", "-o", folder + "/x.mid"])
        #expect(missing.status != 0 && missing.stderr.contains("needs --corpus"))
    }

    @Test func badInputSaysWhatAndWhere() throws {
        let folder = try TestPaths.temporaryFolder()
        try "NOTE_ON_60\nTIME_SHIFT_100ms\nNOTE_ON_999\n".write(toFile: folder + "/bad.txt", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["decode", folder + "/bad.txt", "-o", folder + "/x.mid"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("bad.txt: token 3, 'NOTE_ON_999', is not a token name"))
        let cases: [([String], String)] = [
            (["preprocess", TestPaths.fixture, "-o", folder + "/c", "--transpose", "7..2"], "--transpose must be a semitone range"),
            (["preprocess", TestPaths.fixture, "-o", folder + "/c", "--val-fraction", "1.5"], "--val-fraction must be in [0, 1)"),
            (["preprocess", TestPaths.fixture, "-o", folder + "/c", "--tracks", "program:300"], "'program:300' is not a track index"),
            (["preprocess", TestPaths.fixture, "-o", folder + "/c", "--encoding", "piano-roll"], "piano-roll"),
            (["corpus", "info", folder], "corpus.json: missing"),
        ]
        for (arguments, message) in cases {
            let run = try CLI.run(arguments)
            #expect(run.status != 0)
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
        let empty = try CLI.run(["preprocess", Self.data + "/edge/empty-zero-byte-file--jazzsoft.mid", "-o", folder + "/c"])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("no usable MIDI files"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/c"))
    }

    @Test(.tags(.slow), .timeLimit(.minutes(3))) func benchPreprocessPrintsResult() throws {
        let run = try CLI.run(["bench", "preprocess", Self.data + "/piano/bach", "--repeat", "1"])
        #expect(run.status == 0)
        let last = try #require(run.stdout.split(separator: "\n").last)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(last.dropFirst(7).utf8)) as? [String: Any])
        #expect(json["files"] as? Int == 310)
        #expect((json["tokens"] as? Int ?? 0) > 100_000)
    }
}
