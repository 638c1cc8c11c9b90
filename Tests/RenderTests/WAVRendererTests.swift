import Foundation
import MIDIFile
import TestSupport
import Testing
import Render
import TestSupport

/// Debian's FluidR3 (package fluid-soundfont-gm, installed by `make deps`): the tests render with it for real.
private let fluidR3 = "/usr/share/sounds/sf2/FluidR3_GM.sf2"

private func temporaryPath(_ name: String) throws -> String { try TestPaths.temporaryFolder("wav") + "/" + name }

@Suite("WAVRenderer renders through FluidSynth")
struct WAVRendererTests {
    @Test("a held C-major chord: right header, right length, audible; no events: silent", .tags(.slow), .timeLimit(.minutes(2)))
    func chordAndSilence() throws {
        try #require(FileManager.default.fileExists(atPath: fluidR3), "run `make deps` (installs fluid-soundfont-gm)")
        let renderer = try WAVRenderer(soundfont: fluidR3)
        let chord: [U7] = [60, 64, 67]
        let events = chord.map { TimedEvent(time: 0, .noteOn(pitch: $0, velocity: 100)) }
            + chord.map { TimedEvent(time: 1, .noteOff(pitch: $0)) }
        let path = try temporaryPath("chord.wav")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let stats = try renderer.render(events, tail: 0.5, to: path)

        let wav = try ReadWAV(path: path)
        #expect(wav.riff == "RIFF" && wav.wave == "WAVE" && wav.fmt == "fmt " && wav.dataTag == "data")
        #expect(Int(wav.riffSize) == wav.fileSize - 8)
        #expect(wav.format == 1 && wav.channels == 2 && wav.sampleRate == 44100 && wav.bits == 16)
        #expect(abs(Double(wav.frames) / 44100 - 1.5) <= 1 / 44100)
        #expect(wav.frames == stats.frames)
        #expect(wav.rms > 0.005, "RMS \(wav.rms)")
        #expect(abs(wav.rms - stats.rms) < 0.001)
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))

        let silentPath = try temporaryPath("silent.wav")
        defer { try? FileManager.default.removeItem(atPath: silentPath) }
        let silent = try renderer.render([], tail: 0.5, to: silentPath)
        let silentWAV = try ReadWAV(path: silentPath)
        #expect(silentWAV.frames == 22050 && silent.frames == 22050)
        #expect(silentWAV.rms < 1e-4 && silent.rms < 1e-4)
    }

    @Test("a note at 0.5 s starts sounding at 0.5 s ± 5 ms", .tags(.slow), .timeLimit(.minutes(2)))
    func sampleAccurateOnset() throws {
        try #require(FileManager.default.fileExists(atPath: fluidR3), "run `make deps` (installs fluid-soundfont-gm)")
        let renderer = try WAVRenderer(soundfont: fluidR3)
        let events = [TimedEvent(time: 0.5, .noteOn(pitch: 69, velocity: 110)), TimedEvent(time: 0.6, .noteOff(pitch: 69))]
        let path = try temporaryPath("onset.wav")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try renderer.render(events, tail: 0.3, to: path)
        let wav = try ReadWAV(path: path)
        let first = try #require(wav.samples.firstIndex { abs($0) > 1e-3 })
        let onset = Double(first / 2) / 44100
        #expect(abs(onset - 0.5) <= 0.005, "onset at \(onset) s")
    }

    @Test("a missing, foreign or corrupt soundfont is an error naming it, and leaves no file behind")
    func unloadableSoundfont() throws {
        #expect(throws: RenderError.soundfont(path: "/nonexistent.sf2")) { try WAVRenderer(soundfont: "/nonexistent.sf2") }
        let text = try temporaryPath("text.sf2")
        try Data("not a soundfont".utf8).write(to: URL(fileURLWithPath: text))
        defer { try? FileManager.default.removeItem(atPath: text) }
        #expect(throws: RenderError.soundfont(path: text)) { try WAVRenderer(soundfont: text) }

        // Passes the header check, fails in FluidSynth (whose DLS loader then prints one glib CRITICAL line).
        let corrupt = try temporaryPath("corrupt.sf2")
        try Data("RIFF\u{4}\0\0\0sfbk".utf8).write(to: URL(fileURLWithPath: corrupt))
        defer { try? FileManager.default.removeItem(atPath: corrupt) }
        let renderer = try WAVRenderer(soundfont: corrupt)
        let output = try temporaryPath("never.wav")
        #expect(throws: RenderError.soundfont(path: corrupt)) { try renderer.render([], tail: 0.1, to: output) }
        #expect(!FileManager.default.fileExists(atPath: output) && !FileManager.default.fileExists(atPath: output + ".tmp"))
    }
}

@Suite("Soundfont.locate searches flag, config, environment, repo folders, Debian")
struct SoundfontLocateTests {
    @Test("a flag naming a missing file is an error naming it")
    func missingFlag() {
        #expect(throws: SoundfontError.missing(source: "--soundfont", path: "/no/such.sf2")) {
            try Soundfont.locate(flag: "/no/such.sf2", environment: [:], repoFolders: [])
        }
        let error = SoundfontError.missing(source: "--soundfont", path: "/no/such.sf2")
        #expect(error.description.contains("/no/such.sf2"))
    }

    @Test("the flag wins over the config, the config over $YAMG_SOUNDFONT, which is used when alone")
    func order() throws {
        let a = try temporaryPath("a.sf2"), b = try temporaryPath("b.sf2")
        for path in [a, b] { _ = FileManager.default.createFile(atPath: path, contents: Data()) }
        defer { for path in [a, b] { try? FileManager.default.removeItem(atPath: path) } }
        let env = ["YAMG_SOUNDFONT": b]
        #expect(try Soundfont.locate(flag: nil, environment: env, repoFolders: [], systemPaths: []) == b)
        #expect(try Soundfont.locate(flag: nil, configured: a, environment: env, repoFolders: [], systemPaths: []) == a)
        #expect(try Soundfont.locate(flag: a, configured: b, environment: env, repoFolders: [], systemPaths: []) == a)
    }

    @Test("a repo folder's first .sf2/.sf3 comes before the Debian paths")
    func repoFolder() throws {
        let folder = try temporaryPath("soundfonts")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["notes.txt", "b.sf3", "a.SF2"] { _ = FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: Data()) }
        let found = try Soundfont.locate(flag: nil, environment: [:], repoFolders: ["/no/such/folder", folder])
        #expect(found == "\(folder)/a.SF2")
    }

    @Test("nothing found: the error lists every place tried and how to fix it")
    func nothingFound() {
        let system = ["/fake/default-GM.sf2", "/fake/FluidR3_GM.sf2"]
        do {
            _ = try Soundfont.locate(flag: nil, environment: ["HOME": "/root"], repoFolders: ["/fake/repo/soundfonts"],
                                     systemPaths: system)
            Issue.record("expected an error")
        } catch {
            let message = error.description
            for place in ["--soundfont", "config", "$YAMG_SOUNDFONT", "/fake/repo/soundfonts"] + system {
                #expect(message.contains(place), "\(place) missing from: \(message)")
            }
            #expect(message.contains("apt-get install fluid-soundfont-gm"))
            #expect(!message.contains("\n"))
        }
    }

    @Test("the default repo folders include the package's soundfonts/ and the installed folder")
    func defaultFolders() {
        let folders = Soundfont.defaultRepoFolders
        #expect(folders.last == "/usr/local/share/yamg/soundfonts")
        #expect(folders.first?.hasSuffix("/soundfonts") == true)
    }
}
