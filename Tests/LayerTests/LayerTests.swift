import Foundation
import TestSupport
import Testing

/// The layer rule of `Sources/README.md`: a target imports only targets of lower layers. The table is read from the
/// README, so the document and the check cannot drift apart.
struct LayerTests {
    /// Target name → layer, from the README's `| layer | targets |` table.
    static func layers() throws -> [String: Int] {
        let text = try String(contentsOfFile: TestPaths.repository + "/Sources/README.md", encoding: .utf8)
        var layers: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2, let layer = Int(cells[0]) else { continue }
            for name in cells[1].split(separator: ",") {
                layers[name.trimmingCharacters(in: CharacterSet(charactersIn: " `"))] = layer
            }
        }
        return layers
    }

    /// Every `import X` of a package target in Sources/T, by file.
    static func imports(of target: String) throws -> [(file: String, module: String)] {
        let folder = TestPaths.repository + "/Sources/" + target
        var found: [(String, String)] = []
        for case let file as String in FileManager.default.enumerator(atPath: folder)! where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
                if words.count >= 2 && words[0] == "import" { found.append((target + "/" + file, String(words[1]))) }
            }
        }
        return found
    }

    @Test func everyTargetIsInTheTableAndImportsOnlyLowerLayers() throws {
        let layers = try Self.layers()
        let targets = try FileManager.default.contentsOfDirectory(atPath: TestPaths.repository + "/Sources")
            .filter { !$0.contains(".") }.sorted()
        #expect(targets.count >= 17, "\(targets)")
        var checked = 0
        for target in targets {
            guard let layer = layers[target] else {
                Issue.record("Sources/\(target) is not in the layer table of Sources/README.md")
                continue
            }
            for (file, module) in try Self.imports(of: target) {
                guard let other = layers[module] else { continue }  // Foundation, Logging, …
                checked += 1
                #expect(other < layer, "\(file) imports \(module) (layer \(other)) from layer \(layer): only lower layers may be imported")
            }
        }
        #expect(checked > 100, "checked \(checked) imports")
    }

    /// The check sees what it must: a made-up sideways import is caught.
    @Test func aSidewaysImportIsCaught() throws {
        let layers = try Self.layers()
        #expect(layers["Encoding"] == layers["Analysis"], "Encoding and Analysis share a layer")
        #expect(try !(layers["Analysis"]! < layers["Encoding"]!))
        #expect(layers["Basics"]! < layers["MIDIFile"]! && layers["Daemon"]! < layers["yamg"]!)
    }
}
