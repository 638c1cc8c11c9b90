import Foundation

/// Where the tests find the repository, the shared test data and scratch space: the one place that works these
/// out, for every test target.
public enum TestPaths {
    /// The repository root (this file is `<root>/Tests/TestSupport/TestPaths.swift`).
    public static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared` beside the repository: the project's shared data and tools (the ALSA VM).
    public static let sharedFolder: String =
        URL(fileURLWithPath: repository).deletingLastPathComponent().appendingPathComponent("shared").path

    /// The project's shared test data, `../shared/data` (see its MANIFEST.md), or `$YAMG_SHARED_DATA` where set (to
    /// point at a copy elsewhere, or at nothing to see the tests that need it fail: each counts what it found).
    public static let sharedData = ProcessInfo.processInfo.environment["YAMG_SHARED_DATA"] ?? sharedFolder + "/data"

    /// `relative` under the shared data: `shared("piano/bach")`.
    public static func shared(_ relative: String) -> String { sharedData + "/" + relative }

    /// The chorale shipped with the repository (Tests/Fixtures/bach-bwv289.mid, 219 notes, 24 s).
    public static let fixture = repository + "/Tests/Fixtures/bach-bwv289.mid"

    /// A fresh, empty folder named after `label`. All of a run's folders sit in one parent that is removed when
    /// the test process exits (kept when `YAMG_KEEP_TEST_FILES=1`, to look at what a failing test left).
    /// Names stay short: unix socket paths made inside (systemd's, sd_notify's) must fit in 108 bytes.
    public static func temporaryFolder(_ label: String = "test") throws -> String {
        let path = runFolder + "/\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// This run's parent of all temporary folders, made (and its removal at exit arranged) on first use.
    static let runFolder: String = {
        let path = NSTemporaryDirectory() + "yamg-t\(ProcessInfo.processInfo.processIdentifier)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if ProcessInfo.processInfo.environment["YAMG_KEEP_TEST_FILES"] != "1" {
            atexit { try? FileManager.default.removeItem(atPath: TestPaths.runFolder) }
        }
        return path
    }()
}
