import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport
import Testing

/// `yamg generate`, `yamg render` and `yamg bench generate` on a tiny model trained here.
@Suite(.serialized, .tags(.slow), .timeLimit(.minutes(10))) struct GenerateCommandTests {
    static var model: String { TinyModel.cli.model }

    @Test func generateIsReproducibleAndTimed() throws {
        let folder = try TestPaths.temporaryFolder()
        let a = try CLI.run(["generate", Self.model, "-o", folder + "/a.mid", "--seconds", "30", "--seed", "4", "--svg", folder + "/a.svg"])
        #expect(a.status == 0, "\(a.stderr)")
        _ = try CLI.run(["generate", Self.model, "-o", folder + "/b.mid", "--seconds", "30", "--seed", "4"])
        _ = try CLI.run(["generate", Self.model, "-o", folder + "/c.mid", "--seconds", "30", "--seed", "5"])
        let bytes = { (name: String) in try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)) }
        #expect(try bytes("a.mid") == bytes("b.mid"))
        #expect(try bytes("a.mid") != bytes("c.mid"))
        let info = try CLI.run(["midi", "info", folder + "/a.mid"])
        #expect(info.stdout.contains("duration 30.00 s"), "\(info.stdout)")
        #expect(!info.stdout.contains("warnings"))
        // The SVG is well-formed and draws one shape per note.
        let svg = try XMLDocument(data: bytes("a.svg"))
        let shapes = try svg.nodes(forXPath: "//*[local-name()='rect'][@class='note']").count
        let dump = try JSONSerialization.jsonObject(with: Data(try CLI.run(["midi", "dump", folder + "/a.mid", "--json"]).stdout.utf8)) as! [String: Any]
        #expect(shapes == (dump["notes"] as! [Any]).count && shapes > 0)
    }

    @Test func countPrimesAndRender() throws {
        let folder = try TestPaths.temporaryFolder()
        let run = try CLI.run(["generate", Self.model, "-o", folder + "/x.mid", "--seconds", "5", "--count", "3",
                               "--prime-notes", "60,64,67", "--top-k", "20", "--temperature", "0.9"])
        #expect(run.status == 0, "\(run.stderr)")
        for n in 1...3 { #expect(FileManager.default.fileExists(atPath: folder + String(format: "/x-%03d.mid", n))) }
        let primed = try CLI.run(["generate", Self.model, "-o", folder + "/p.mid", "--seconds", "8",
                                  "--prime", TestPaths.fixture, "--prime-seconds", "2"])
        #expect(primed.status == 0, "\(primed.stderr)")
        let corpus = TinyModel.cli.corpus
        let random = try CLI.run(["generate", Self.model, "-o", folder + "/r.mid", "--seconds", "5", "--random-start", corpus])
        #expect(random.status == 0, "\(random.stderr)")
        let render = try CLI.run(["render", TestPaths.fixture, "-o", folder + "/roll.svg"])
        #expect(render.status == 0 && render.stdout.contains("219 notes"))
    }

    @Test func wavHasSoundAndTheRightLength() throws {
        let folder = try TestPaths.temporaryFolder()
        let run = try CLI.run(["generate", Self.model, "-o", folder + "/w.mid", "--seconds", "6", "--wav", folder + "/w.wav"])
        #expect(run.status == 0, "\(run.stderr)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/w.wav")))
        func u32(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2]) << 16 | Int(bytes[i + 3]) << 24 }
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        #expect(String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF" && String(decoding: bytes[8..<12], as: UTF8.self) == "WAVE")
        #expect(u16(22) == 2 && u32(24) == 44100 && u16(34) == 16)
        let dataSize = u32(40), frames = dataSize / 4
        // 6 s of music and the 1 s tail in which the last notes ring out.
        #expect(abs(Double(frames) / 44100 - 7.0) < 0.01, "\(Double(frames) / 44100) s")
        var sum = 0.0
        for i in stride(from: 44, to: 44 + dataSize, by: 2) { let v = Double(Int16(bitPattern: UInt16(u16(i)))) / 32768; sum += v * v }
        #expect((sum / Double(dataSize / 2)).squareRoot() > 0.005)
        let missing = try CLI.run(["generate", Self.model, "-o", folder + "/x.mid", "--wav", folder + "/x.wav", "--soundfont", folder + "/none.sf2"])
        #expect(missing.status != 0 && missing.stderr.contains("none.sf2"))
    }

    @Test func badModelsAndFlagsSayWhat() throws {
        let folder = try TestPaths.temporaryFolder()
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: folder + "/bad.safetensors"))
        let cases: [([String], String)] = [
            (["generate", folder + "/missing.safetensors", "-o", folder + "/o.mid"], "missing.safetensors: cannot read the file"),
            (["generate", folder + "/bad.safetensors", "-o", folder + "/o.mid"], "bad.safetensors: header length"),
            (["generate", Self.model, "-o", folder + "/o.mid", "--top-p", "1.5"], "--top-p: 1.5 is not in (0, 1]"),
            (["generate", Self.model, "-o", folder + "/o.mid", "--prime-notes", "60,300"], "--prime-notes must be MIDI pitches"),
        ]
        for (arguments, message) in cases {
            let run = try CLI.run(arguments)
            #expect(run.status != 0)
            #expect(run.stderr.split(separator: "\n").first?.contains(message) == true, "\(arguments): \(run.stderr)")
        }
    }

    @Test func benchGeneratePrintsResult() throws {
        let run = try CLI.run(["bench", "generate", Self.model, "--steps", "200"])
        #expect(run.status == 0, "\(run.stderr)")
        let last = try #require(run.stdout.split(separator: "\n").last)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(last.dropFirst(7).utf8)) as? [String: Any])
        #expect((json["us_per_token_p50"] as? Double ?? 0) > 0 && (json["tokens_per_s"] as? Double ?? 0) > 0)
    }
}
