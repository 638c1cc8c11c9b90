import Foundation

/// numpy's `.npy` format, version 1.0, for one-dimensional arrays of little-endian unsigned integers:
/// `numpy.load("train.npy")` reads a corpus as is.
public enum NPY {
    public struct FormatError: Error, CustomStringConvertible {
        public var path: String
        public var problem: String
        public var description: String { "\(path): \(problem)" }
    }

    /// The file's bytes for `values`, as `<u2` when every value fits 16 bits, else `<u4`.
    public static func encode(_ values: [UInt32], wide: Bool? = nil) -> Data {
        let useWide = wide ?? (values.max() ?? 0 > UInt32(UInt16.max))
        var header = "{'descr': '\(useWide ? "<u4" : "<u2")', 'fortran_order': False, 'shape': (\(values.count),), }"
        // Magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64, ending in \n.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        data.reserveCapacity(data.count + values.count * (useWide ? 4 : 2))
        if useWide {
            values.withUnsafeBufferPointer { data.append(UnsafeBufferPointer(start: UnsafeRawPointer($0.baseAddress)?.assumingMemoryBound(to: UInt8.self), count: $0.count * 4)) }
        } else {
            let narrow = values.map { UInt16(truncatingIfNeeded: $0).littleEndian }
            narrow.withUnsafeBufferPointer { data.append(UnsafeBufferPointer(start: UnsafeRawPointer($0.baseAddress)?.assumingMemoryBound(to: UInt8.self), count: $0.count * 2)) }
        }
        return data
    }

    /// Reads a one-dimensional `<u1`, `<u2`, `<u4`, `<i4` or `<i8` array.
    public static func read(_ path: String) throws(FormatError) -> [UInt32] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatError(path: path, problem: "cannot read the file")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw FormatError(path: path, problem: "not a .npy file (no \\x93NUMPY magic)")
        }
        let (headerStart, headerLength): (Int, Int) = bytes[6] == 1
            ? (10, Int(bytes[8]) | Int(bytes[9]) << 8)
            : (12, bytes.count >= 12 ? Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24 : 0)
        guard headerStart + headerLength <= bytes.count else { throw FormatError(path: path, problem: "header cut short") }
        let header = String(decoding: bytes[headerStart..<headerStart + headerLength], as: UTF8.self)
        let sizes = ["'|u1'": 1, "'<u1'": 1, "'<u2'": 2, "'<u4'": 4, "'<i4'": 4, "'<i8'": 8]
        guard let (descr, size) = sizes.first(where: { header.contains("'descr': \($0.key)") }) else {
            throw FormatError(path: path, problem: "unsupported dtype in header \(header.trimmingCharacters(in: .whitespacesAndNewlines)) (expected unsigned ints)")
        }
        guard header.contains("'fortran_order': False") else { throw FormatError(path: path, problem: "Fortran order is not supported") }
        let body = bytes[(headerStart + headerLength)...]
        guard body.count % size == 0 else { throw FormatError(path: path, problem: "data length \(body.count) is not a multiple of \(size)") }
        var values: [UInt32] = []
        values.reserveCapacity(body.count / size)
        var i = body.startIndex
        while i < body.endIndex {
            var v: UInt64 = 0
            for k in 0..<size { v |= UInt64(body[i + k]) << (8 * UInt64(k)) }
            guard descr != "'<i4'" && descr != "'<i8'" || v <= UInt64(UInt32.max) else {
                throw FormatError(path: path, problem: "negative or too large token id at index \((i - body.startIndex) / size)")
            }
            values.append(UInt32(truncatingIfNeeded: v))
            i += size
        }
        return values
    }
}
