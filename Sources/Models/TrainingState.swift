import Foundation
import NeuralNet

/// What `--resume` needs beyond the weights, in a sibling file `NAME.state.safetensors`: the optimizer's
/// moments (tensors `adam.m.<param>`, `adam.v.<param>`), its step, the random generator's state (which
/// fixes the next batches and dropout masks), the schedule length and the early-stopping counters.
public struct TrainingState: Sendable {
    public var step: Int
    public var epoch: Int
    public var totalSteps: Int
    public var rng: RNG
    public var bestValLoss: Double?
    public var epochsWithoutImprovement: Int

    public static func path(for modelPath: String) -> String {
        (modelPath.hasSuffix(".safetensors") ? String(modelPath.dropLast(12)) : modelPath) + ".state.safetensors"
    }

    public func save(_ optimizer: AdamW, to path: String) throws {
        var tensors: [String: Safetensors.Tensor] = [:]
        for (p, (m, v)) in zip(optimizer.parameters, optimizer.moments) {
            tensors["adam.m.\(p.name)"] = .init(shape: p.shape, values: Array(UnsafeBufferPointer(start: m.pointer, count: p.count)))
            tensors["adam.v.\(p.name)"] = .init(shape: p.shape, values: Array(UnsafeBufferPointer(start: v.pointer, count: p.count)))
        }
        var metadata = ["step": String(step), "epoch": String(epoch), "total_steps": String(totalSteps),
                        "optimizer_step": String(optimizer.step),
                        "rng": rng.stateArray.map(String.init).joined(separator: ","),
                        "epochs_without_improvement": String(epochsWithoutImprovement)]
        if let bestValLoss { metadata["best_val_loss"] = String(bestValLoss) }
        try Safetensors.write(.init(metadata: metadata, tensors: tensors), to: path)
    }

    /// Reads the state and restores the optimizer's moments and step.
    public static func load(_ path: String, into optimizer: AdamW) throws(ModelFile.LoadError) -> TrainingState {
        let file = try Safetensors.read(path)
        let m = file.metadata
        guard let step = m["step"].flatMap(Int.init), let epoch = m["epoch"].flatMap(Int.init),
              let total = m["total_steps"].flatMap(Int.init), let optimizerStep = m["optimizer_step"].flatMap(Int.init),
              let rngWords = m["rng"]?.split(separator: ",").compactMap({ UInt64($0) }), rngWords.count == 4 else {
            throw .init(path: path, problem: "not a training state file (step, epoch, total_steps, optimizer_step or rng missing)")
        }
        for (p, (mBuffer, vBuffer)) in zip(optimizer.parameters, optimizer.moments) {
            for (prefix, buffer) in [("adam.m.", mBuffer), ("adam.v.", vBuffer)] {
                guard let t = file.tensors[prefix + p.name], t.values.count == p.count else {
                    throw .init(path: path, problem: "optimizer tensor \(prefix + p.name) is missing or has the wrong size")
                }
                t.values.withUnsafeBufferPointer { buffer.pointer.update(from: $0.baseAddress!, count: p.count) }
            }
        }
        optimizer.step = optimizerStep
        return TrainingState(step: step, epoch: epoch, totalSteps: total, rng: RNG(state: rngWords),
                             bestValLoss: m["best_val_loss"].flatMap(Double.init),
                             epochsWithoutImprovement: Int(m["epochs_without_improvement"] ?? "") ?? 0)
    }
}
