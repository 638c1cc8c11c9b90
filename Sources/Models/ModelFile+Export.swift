import Foundation

extension ModelFile {
    /// What `export` wrote.
    public struct Exported: Sendable {
        public var arch: Hyperparameters.Arch
        public var parameters: Int
        /// The size of the written file.
        public var bytes: Int
    }

    /// `yamg export`'s entry: the model file at `path` again at `output` with its weights and metadata only
    /// (no optimizer state beside it), in float16 when `halfPrecision` (half the size; loading converts back).
    public static func export(_ path: String, to output: String, halfPrecision: Bool) throws -> Exported {
        let (file, network) = try load(path)
        try file.save(network, to: output, halfPrecision: halfPrecision)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        return Exported(arch: network.hyper.arch, parameters: network.parameterCount, bytes: bytes)
    }
}
