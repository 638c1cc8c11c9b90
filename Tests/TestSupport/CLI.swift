import Foundation

/// Runs the built `yamg` binary as a user would.
public enum CLI {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        public init(status: Int32, stdout: String, stderr: String) {
            (self.status, self.stdout, self.stderr) = (status, stdout, stderr)
        }
    }

    /// The `yamg` binary built next to the test bundle (`.build/release/yamg` when there is none).
    public static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("yamg")
        return FileManager.default.fileExists(atPath: beside.path) ? beside
            : URL(fileURLWithPath: TestPaths.repository + "/.build/release/yamg")
    }()

    /// Runs `yamg` (or `executable`) with `arguments` and waits for it; `environment` is added to this process's.
    public static func run(_ arguments: [String], environment: [String: String] = [:], executable: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        // stderr goes to a file, so a chatty command cannot block on a full pipe while we read stdout.
        let errorPath = try TestPaths.temporaryFolder("stderr") + "/stderr"
        FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: (errorPath as NSString).deletingLastPathComponent) }
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
}
