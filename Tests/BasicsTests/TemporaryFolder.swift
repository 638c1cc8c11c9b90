import Foundation

/// A fresh empty folder under the system's temporary folder, removed by `remove()`: each test works in its own.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "BasicsTests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    /// The names in the folder, sorted: what a test checks to see that nothing was left behind.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: path + "/" + name, encoding: .utf8)
    }

    func write(_ text: String, to name: String) throws {
        try text.write(toFile: path + "/" + name, atomically: false, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
