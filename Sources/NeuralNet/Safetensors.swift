import Basics
import Foundation

/// The safetensors format (what Hugging Face and PyTorch users load with `safetensors.torch.load_file`):
/// an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and byte range,
/// string metadata under `__metadata__`, then the raw little-endian data.
public enum Safetensors {
    public struct Tensor: Sendable, Equatable {
        public var shape: [Int]
        public var values: [Float]
        public init(shape: [Int], values: [Float]) {
            self.shape = shape
            self.values = values
        }
    }

    public struct File: Sendable, Equatable {
        public var metadata: [String: String]
        public var tensors: [String: Tensor]
        public init(metadata: [String: String] = [:], tensors: [String: Tensor] = [:]) {
            self.metadata = metadata
            self.tensors = tensors
        }
    }

    /// A file that cannot be used, as one line naming it and what is wrong. Model files (`ModelFile.LoadError`
    /// in Models) reuse it: their problems are safetensors problems or a level above, and read the same.
    public struct FormatError: Error, CustomStringConvertible {
        public var path: String
        public var problem: String
        public var description: String { "\(path): \(problem)" }
        public init(path: String, problem: String) {
            self.path = path
            self.problem = problem
        }
    }

    /// The file's bytes; tensors are stored in name order as F32 (or F16 when `halfPrecision`).
    public static func encode(_ file: File, halfPrecision: Bool = false) -> Data {
        var header: [String: Any] = [:]
        if !file.metadata.isEmpty { header["__metadata__"] = file.metadata }
        var offset = 0
        let names = file.tensors.keys.sorted()
        let width = halfPrecision ? 2 : 4
        for name in names {
            let t = file.tensors[name]!
            header[name] = ["dtype": halfPrecision ? "F16" : "F32", "shape": t.shape, "data_offsets": [offset, offset + t.values.count * width]]
            offset += t.values.count * width
        }
        var json = try! JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])
        json.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8))  // data aligned to 8
        var data = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        for name in names {
            let values = file.tensors[name]!.values
            if halfPrecision {
                let half = values.map { Float16($0).bitPattern.littleEndian }
                half.withUnsafeBytes { data.append(contentsOf: $0) }
            } else {
                values.withUnsafeBytes { data.append(contentsOf: $0) }
            }
        }
        return data
    }

    /// Writes atomically: a temporary file beside the target, flushed to disk, then renamed over it,
    /// so a kill at any moment leaves the previous file whole.
    public static func write(_ file: File, to path: String, halfPrecision: Bool = false) throws {
        try AtomicFile.write(encode(file, halfPrecision: halfPrecision), to: path)
    }

    public static func read(_ path: String) throws(FormatError) -> File {
        try decode(Reader(path: path))
    }

    public static func decode(_ data: Data, path: String) throws(FormatError) -> File {
        try decode(Reader(data: data, path: path))
    }

    static func decode(_ reader: Reader) throws(FormatError) -> File {
        var file = File(metadata: reader.metadata)
        for (name, entry) in reader.entries {
            let count = entry.shape.reduce(1, *)
            var values = [Float](repeating: 0, count: count)
            try values.withUnsafeMutableBufferPointer { (out) throws(FormatError) in try reader.decode(name, into: out.baseAddress!) }
            file.tensors[name] = Tensor(shape: entry.shape, values: values)
        }
        return file
    }
}
