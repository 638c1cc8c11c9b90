import Foundation

/// Runs the built `yamg` binary as a user would, and where the test data is.
enum CLI {
    static let repo: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let fixture = repo + "/Tests/Fixtures/bach-bwv289.mid"
    static let edge = repo + "/../shared/data/edge"

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `yamg` binary built next to this test bundle.
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("yamg")
        return FileManager.default.fileExists(atPath: beside.path) ? beside : URL(fileURLWithPath: repo + "/.build/release/yamg")
    }()

    /// Runs `yamg` with `arguments`.
    static func run(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        // stderr goes to a file, so a chatty command cannot block on a full pipe while we read stdout.
        let errorPath = NSTemporaryDirectory() + "yamg-stderr-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = FileManager.default.contents(atPath: errorPath) ?? Data()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A model trained here in a few seconds on the Bach chorales (LSTM 48 × 1): small enough for the emulated CPU
    /// of the ALSA VM, real enough to generate, perform and export. Trained once per test run.
    static let tinyModel: String = {
        let folder = try! temporaryFolder()
        _ = try! run(["preprocess", repo + "/../shared/data/piano/bach", "-o", folder + "/corpus"])
        _ = try! run(["train", folder + "/corpus", "-o", folder + "/run", "--steps", "60", "--embed", "16", "--hidden", "48",
                      "--layers", "1", "--seq-len", "32", "--batch", "8", "--lr", "0.003", "--eval-batches", "1"])
        return folder + "/run/last.safetensors"
    }()

    /// A fresh, empty temporary folder.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "yamg-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
