import Foundation
import TestSupport
import Testing

/// The model shipped in `models/` and `make demo`, as a new user meets them.
@Suite(.serialized, .tags(.slow), .timeLimit(.minutes(20))) struct DefaultModelTests {
    static let model = TestPaths.repository + "/models/default.safetensors"

    @Test func theDefaultModelLoadsAndGeneratesValidMIDI() throws {
        let folder = try TestPaths.temporaryFolder()
        let out = try CLI.run(["generate", Self.model, "-o", folder + "/a.mid", "--seconds", "20", "--seed", "3"])
        #expect(out.status == 0, "\(out.stderr)")
        let dump = try CLI.run(["midi", "dump", "--json", folder + "/a.mid"])
        let json = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as! [String: Any]
        let notes = json["notes"] as! [[Any]]
        #expect((json["warnings"] as! [Any]).isEmpty)
        #expect(notes.count > 20, "\(notes.count) notes in 20 s")
        #expect(abs((json["duration_s"] as! NSNumber).doubleValue - 20) < 0.01)
        let size = try FileManager.default.attributesOfItem(atPath: Self.model)[.size] as! Int
        #expect(size <= 20_000_000)
    }

    @Test func makeDemoRendersToDemoFolderWithoutAnAudioDevice() throws {
        let folder = try TestPaths.temporaryFolder()
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/make")
        make.arguments = ["-C", TestPaths.repository, "demo-run", "DEMO_SECONDS=3", "DEMO_DIR=\(folder)", "YAMG=\(CLI.binary.path)"]
        let pipe = Pipe()
        make.standardOutput = pipe
        make.standardError = pipe
        try make.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        make.waitUntilExit()
        #expect(make.terminationStatus == 0, "\(output)")
        for name in ["demo.mid", "demo.svg"] { #expect(FileManager.default.fileExists(atPath: folder + "/" + name), "\(output)") }
        if !FileManager.default.fileExists(atPath: "/dev/snd") {
            #expect(output.contains("no audio device here"), "\(output)")
            let wav = try Data(contentsOf: URL(fileURLWithPath: folder + "/demo.wav"))
            #expect(wav.count > 3 * 44100 * 4, "\(wav.count) bytes")
            // Some samples are far from silence (16-bit little-endian, after the header).
            let loud = stride(from: 1000, to: wav.count - 1, by: 2).contains { i in
                abs(Int(Int16(bitPattern: UInt16(wav[i]) | UInt16(wav[i + 1]) << 8))) > 1000
            }
            #expect(loud, "demo.wav should have sound in it")
        }
        let info = try CLI.run(["midi", "info", folder + "/demo.mid"])
        #expect(info.stdout.contains("duration 3.00 s"), "\(info.stdout)")
    }

    @Test func halfPrecisionExportKeepsTheLoss() throws {
        let folder = try TestPaths.temporaryFolder()
        let half = folder + "/half.safetensors"
        let export = try CLI.run(["export", GenerateCommandTests.model, "-o", half, "--half"])
        #expect(export.status == 0, "\(export.stderr)")
        let corpus = TinyModel.cli.corpus
        func loss(_ model: String) throws -> Double {
            let out = try CLI.run(["eval", model, corpus, "--max-batches", "5", "--json"])
            let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as! [String: Any]
            return (json["loss"] as! NSNumber).doubleValue
        }
        let full = try loss(GenerateCommandTests.model), halved = try loss(half)
        #expect(abs(full - halved) < 1e-3, "float32 \(full), float16 \(halved)")
        let sizes = try [GenerateCommandTests.model, half].map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as! Int }
        #expect(sizes[1] < sizes[0] * 6 / 10)
    }
}

extension ALSAVMTests {
    /// Where a sound card exists (the VM with `snd-dummy` as ALSA's default card, no PulseAudio), `make demo` plays
    /// through it (FluidSynth's alsa driver) instead of rendering a WAV, and still leaves demo.mid and demo.svg.
    @Test func makeDemoPlaysThroughASoundCard() async throws {
        let folder = Self.shared + "/demo-card"
        try? FileManager.default.removeItem(atPath: folder)
        let script = "make -C \(TestPaths.repository) demo-run DEMO_SECONDS=3 DEMO_DIR=\(folder) YAMG=\(CLI.binary.path)"
        guard let vm = try await VM.run(script, timeout: 150, options: ["--modules", "snd-dummy", "--env", "ALSA_CARD=Dummy"])
        else { return }
        #expect(vm.status == 0, "\(vm.stdout)\n\(vm.stderr)")
        #expect(vm.stdout.contains("make demo: played through your speakers (alsa)"), "\(vm.stdout)\n\(vm.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/demo.wav"))
        for name in ["demo.mid", "demo.svg"] { #expect(FileManager.default.fileExists(atPath: folder + "/" + name)) }
    }
}
