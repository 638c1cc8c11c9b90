import Foundation

extension Safetensors {
    /// A safetensors file's header, checked, and its bytes, from which each tensor is decoded straight into the
    /// caller's memory: loading a model then holds the file and the weights, never a third copy.
    public struct Reader {
        public struct Entry {
            public var dtype: String
            public var shape: [Int]
            /// Byte offset of the tensor's first value in the file, and the bytes per value.
            var start: Int
            var width: Int
        }

        public let path: String
        public let metadata: [String: String]
        public let entries: [String: Entry]
        private let data: Data

        public init(path: String) throws(FormatError) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw FormatError(path: path, problem: "cannot read the file (missing or not readable)")
            }
            try self.init(data: data, path: path)
        }

        public init(data: Data, path: String) throws(FormatError) {
            self.path = path
            self.data = data
            guard data.count >= 8 else { throw FormatError(path: path, problem: "not a safetensors file (\(data.count) bytes)") }
            let headerLength = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            guard headerLength > 1, headerLength <= data.count - 8 else {
                throw FormatError(path: path, problem: "header length \(headerLength) does not fit in a \(data.count)-byte file (truncated?)")
            }
            let headerStart = data.startIndex + 8
            guard let header = try? JSONSerialization.jsonObject(with: data[headerStart..<headerStart + headerLength]) as? [String: Any] else {
                throw FormatError(path: path, problem: "header is not a JSON object")
            }
            var metadata: [String: String] = [:]
            if let value = header["__metadata__"] {
                guard let strings = value as? [String: String] else {
                    throw FormatError(path: path, problem: "__metadata__ must map strings to strings")
                }
                metadata = strings
            }
            var entries: [String: Entry] = [:]
            let base = 8 + headerLength
            for (name, entry) in header where name != "__metadata__" {
                guard let info = entry as? [String: Any], let dtype = info["dtype"] as? String,
                      let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int], offsets.count == 2 else {
                    throw FormatError(path: path, problem: "tensor \(name): malformed entry")
                }
                let count = shape.reduce(1, *)
                guard let width = ["F32": 4, "F16": 2, "BF16": 2][dtype] else {
                    throw FormatError(path: path, problem: "tensor \(name): dtype \(dtype) is not supported (F32, F16, BF16)")
                }
                guard shape.allSatisfy({ $0 >= 0 }), offsets[1] - offsets[0] == count * width, offsets[0] >= 0,
                      base + offsets[1] <= data.count else {
                    throw FormatError(path: path, problem: "tensor \(name): data range \(offsets) does not match shape \(shape) × \(width) bytes in the file (truncated?)")
                }
                entries[name] = Entry(dtype: dtype, shape: shape, start: base + offsets[0], width: width)
            }
            self.metadata = metadata
            self.entries = entries
        }

        /// Decodes tensor `name` (F32, F16 or BF16, little-endian) into `out`, which must hold its element count.
        public func decode(_ name: String, into out: UnsafeMutablePointer<Float>) throws(FormatError) {
            guard let entry = entries[name] else { throw FormatError(path: path, problem: "tensor \(name) is missing") }
            let count = entry.shape.reduce(1, *)
            data.withUnsafeBytes { bytes in
                for i in 0..<count {
                    let at = entry.start + i * entry.width
                    switch entry.dtype {
                    case "F32": out[i] = Float(bitPattern: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian)
                    case "F16": out[i] = Float(Float16(bitPattern: bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self).littleEndian))
                    default: out[i] = Float(bitPattern: UInt32(bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self).littleEndian) << 16)
                    }
                }
            }
        }
    }
}
