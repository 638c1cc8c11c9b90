import Basics
import Foundation

/// A token corpus: the training and validation token arrays and their manifest.
///
/// On disk a folder: `train.npy`, `val.npy` (numpy v1, little-endian unsigned ints) and `corpus.json`.
/// Pieces follow each other as PIECE_START … PIECE_END.
public struct Corpus: Sendable {
    public var manifest: CorpusManifest
    public var train: [UInt32]
    public var val: [UInt32]

    public struct LoadError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public var vocabulary: Vocabulary {
        get throws(LoadError) {
            do {
                return try Vocabulary(names: manifest.vocabulary)
            } catch {
                throw LoadError(message: "corpus.json: vocabulary: \(error)")
            }
        }
    }

    /// Reads a corpus folder; the error names the file and what is wrong.
    public init(contentsOf folder: String) throws(LoadError) {
        let manifestPath = folder + "/corpus.json"
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw LoadError(message: "\(manifestPath): missing (is \(folder) a corpus made by yamg preprocess?)")
        }
        do {
            manifest = try JSONDecoder.snakeCase.decode(CorpusManifest.self, from: data)
        } catch {
            throw LoadError(message: "\(manifestPath): not a valid corpus manifest: \(error)")
        }
        guard manifest.formatVersion == CorpusManifest.currentFormatVersion else {
            throw LoadError(message: "\(manifestPath): format version \(manifest.formatVersion), this yamg reads \(CorpusManifest.currentFormatVersion)")
        }
        do {
            train = try NPY.read(folder + "/train.npy")
            val = try NPY.read(folder + "/val.npy")
        } catch {
            throw LoadError(message: error.description)
        }
        let size = manifest.vocabulary.count
        for (name, tokens) in [("train", train), ("val", val)] {
            if let bad = tokens.firstIndex(where: { Int($0) >= size }) {
                throw LoadError(message: "\(folder)/\(name).npy: token \(tokens[bad]) at index \(bad) is outside the vocabulary of \(size)")
            }
        }
    }

    public init(manifest: CorpusManifest, train: [UInt32], val: [UInt32]) {
        self.manifest = manifest
        self.train = train
        self.val = val
    }

    /// Writes the corpus folder atomically: into a temporary folder beside it, then swapped into place
    /// with one rename, so a kill at any moment leaves either the old corpus or the new one.
    public func write(to folder: String) throws {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: folder).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
        try? manager.removeItem(at: temporary)
        try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
        let wide = manifest.tokenDtype == "uint32"
        try NPY.encode(train, wide: wide).write(to: temporary.appendingPathComponent("train.npy"))
        try NPY.encode(val, wide: wide).write(to: temporary.appendingPathComponent("val.npy"))
        try JSONEncoder.snakeCase.encode(manifest).write(to: temporary.appendingPathComponent("corpus.json"))
        try AtomicFolder.replace(target.path, with: temporary.path)
    }
}

extension JSONEncoder {
    static var snakeCase: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension JSONDecoder {
    static var snakeCase: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
