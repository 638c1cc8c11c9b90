import Encoding
import Foundation
import NeuralNet

/// A self-contained model file: safetensors with PyTorch's tensor names, and in `__metadata__` everything
/// needed to use it — format version, arch and hyper-parameters, the encoding with its parameters and
/// full vocabulary, and where training stood (step, epoch, train and val loss).
public struct ModelFile: Sendable {
    public static let formatVersion = 1

    public var hyper: Hyperparameters
    public var encoding: EncodingParameters
    public var vocabulary: [String]
    public var step = 0
    public var epoch = 0
    public var trainLoss: Double?
    public var valLoss: Double?

    public init(hyper: Hyperparameters, encoding: EncodingParameters, vocabulary: [String]) {
        self.hyper = hyper
        self.encoding = encoding
        self.vocabulary = vocabulary
    }

    /// What is wrong with a model file (or a run folder), in one line that names it: the safetensors error
    /// itself, so a problem found by the reader and one found here read alike.
    public typealias LoadError = Safetensors.FormatError

    var metadata: [String: String] {
        func json<T: Encodable>(_ value: T) -> String { String(decoding: try! JSONEncoder.sorted.encode(value), as: UTF8.self) }
        var m = ["format_version": String(Self.formatVersion), "arch": hyper.arch.rawValue, "hyper": json(hyper),
                 "encoding": json(encoding), "vocabulary": json(vocabulary), "step": String(step), "epoch": String(epoch),
                 "created_by": "yamg"]
        if let trainLoss { m["train_loss"] = String(trainLoss) }
        if let valLoss { m["val_loss"] = String(valLoss) }
        return m
    }

    /// Writes the model's weights with this metadata, atomically.
    public func save(_ model: LanguageModel, to path: String, halfPrecision: Bool = false) throws {
        var tensors: [String: Safetensors.Tensor] = [:]
        for p in model.parameters { tensors[p.name] = .init(shape: p.shape, values: Array(p.values)) }
        try Safetensors.write(.init(metadata: metadata, tensors: tensors), to: path, halfPrecision: halfPrecision)
    }

    /// Reads a model file and builds its model; the error names the file and what is wrong with it.
    public static func load(_ path: String) throws(LoadError) -> (ModelFile, LanguageModel) {
        let file: Safetensors.Reader
        file = try Safetensors.Reader(path: path)
        let m = file.metadata
        guard let versionText = m["format_version"] else {
            throw LoadError(path: path, problem: "not a YAMG model (no format_version in its metadata)")
        }
        guard versionText == String(formatVersion) else {
            throw LoadError(path: path, problem: "model format version \(versionText); this yamg reads version \(formatVersion)")
        }
        func decode<T: Decodable>(_ key: String, as type: T.Type) throws(LoadError) -> T {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            guard let text = m[key], let value = try? decoder.decode(T.self, from: Data(text.utf8)) else {
                throw LoadError(path: path, problem: "metadata '\(key)' is missing or malformed")
            }
            return value
        }
        var model = ModelFile(hyper: try decode("hyper", as: Hyperparameters.self),
                              encoding: try decode("encoding", as: EncodingParameters.self),
                              vocabulary: try decode("vocabulary", as: [String].self))
        model.step = Int(m["step"] ?? "") ?? 0
        model.epoch = Int(m["epoch"] ?? "") ?? 0
        model.trainLoss = m["train_loss"].flatMap(Double.init)
        model.valLoss = m["val_loss"].flatMap(Double.init)
        do {
            let vocabulary = try Vocabulary(names: model.vocabulary)
            if model.encoding.kind == .performance && vocabulary != .performance {
                throw LoadError(path: path, problem: "vocabulary of \(vocabulary.count) tokens does not match the performance encoding (390)")
            }
            if model.encoding.kind == .combination && vocabulary.tokens.contains(where: { if case .noteOn = $0 { true } else { false } }) {
                throw LoadError(path: path, problem: "vocabulary holds performance tokens but the encoding is combination")
            }
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(path: path, problem: "vocabulary: \(error)")
        }
        let built = ModelFactory.make(model.hyper, vocabularySize: model.vocabulary.count)
        for p in built.parameters {
            // Decoded straight into the model's memory: no copy of the weights beside the file's bytes.
            guard let shape = file.entries[p.name]?.shape else { throw LoadError(path: path, problem: "tensor \(p.name) is missing") }
            guard shape == p.shape else {
                throw LoadError(path: path, problem: "tensor \(p.name) has shape \(shape), the \(model.hyper.arch.rawValue) arch needs \(p.shape)")
            }
            try file.decode(p.name, into: p.value)
        }
        return (model, built)
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        return e
    }
}
