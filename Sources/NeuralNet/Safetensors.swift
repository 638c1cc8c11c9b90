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

    public struct FormatError: Error, CustomStringConvertible {
        public var path: String
        public var problem: String
        public var description: String { "\(path): \(problem)" }
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
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatError(path: path, problem: "cannot read the file (missing or not readable)")
        }
        return try decode(data, path: path)
    }

    public static func decode(_ data: Data, path: String) throws(FormatError) -> File {
        // Read in place: a model is most of the memory a performance uses, so no byte is copied twice.
        let result = data.withUnsafeBytes { bytes in Result { () throws(FormatError) -> File in try decode(bytes, path: path) } }
        return try result.get()
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, path: String) throws(FormatError) -> File {
        guard bytes.count >= 8 else { throw FormatError(path: path, problem: "not a safetensors file (\(bytes.count) bytes)") }
        let headerLength = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard headerLength > 1, headerLength <= bytes.count - 8 else {
            throw FormatError(path: path, problem: "header length \(headerLength) does not fit in a \(bytes.count)-byte file (truncated?)")
        }
        guard let header = try? JSONSerialization.jsonObject(with: Data(bytes[8..<8 + headerLength])) as? [String: Any] else {
            throw FormatError(path: path, problem: "header is not a JSON object")
        }
        var file = File()
        if let metadata = header["__metadata__"] {
            guard let strings = metadata as? [String: String] else {
                throw FormatError(path: path, problem: "__metadata__ must map strings to strings")
            }
            file.metadata = strings
        }
        let base = 8 + headerLength
        for (name, entry) in header where name != "__metadata__" {
            guard let info = entry as? [String: Any], let dtype = info["dtype"] as? String,
                  let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int], offsets.count == 2 else {
                throw FormatError(path: path, problem: "tensor \(name): malformed entry")
            }
            let count = shape.reduce(1, *)
            let width = ["F32": 4, "F16": 2, "BF16": 2][dtype]
            guard let width else { throw FormatError(path: path, problem: "tensor \(name): dtype \(dtype) is not supported (F32, F16, BF16)") }
            guard shape.allSatisfy({ $0 >= 0 }), offsets[1] - offsets[0] == count * width, offsets[0] >= 0,
                  base + offsets[1] <= bytes.count else {
                throw FormatError(path: path, problem: "tensor \(name): data range \(offsets) does not match shape \(shape) × \(width) bytes in the file (truncated?)")
            }
            let start = base + offsets[0]
            let values = [Float](unsafeUninitializedCapacity: count) { out, initialized in
                for i in 0..<count {
                    let at = start + i * width
                    switch dtype {
                    case "F32": out[i] = Float(bitPattern: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian)
                    case "F16": out[i] = Float(Float16(bitPattern: bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self).littleEndian))
                    default: out[i] = Float(bitPattern: UInt32(bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self).littleEndian) << 16)
                    }
                }
                initialized = count
            }
            file.tensors[name] = Tensor(shape: shape, values: values)
        }
        return file
    }
}

/// Writes files so that a kill at any moment leaves either the old file or the new one.
public enum AtomicFile {
    /// `sync: false` skips the fsync: still atomic against a killed process (the rename is), but after a power cut
    /// the newest version may be missing. For files rewritten every second, where an fsync each time costs more
    /// than it saves.
    public static func write(_ data: Data, to path: String, sync: Bool = true) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        if sync {
            let fd = open(temporary, O_RDONLY)
            if fd >= 0 { fsync(fd); close(fd) }
        }
        guard rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: message])
        }
    }
}
