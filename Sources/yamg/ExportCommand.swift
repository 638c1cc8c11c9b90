import ArgumentParser
import Foundation
import Models

/// `yamg export MODEL -o OUT [--half]`: a model file for shipping: weights and metadata only, optionally stored in
/// half precision (loading converts back to float; the loss moves by far less than 1e-3).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a model file for shipping (weights and metadata only, optionally half precision).")

    @Argument(help: "The model file (.safetensors from yamg train).") var model: String
    @Option(name: [.short, .customLong("output")], help: "The model file to write.") var output: String
    @Flag(help: "Store the weights as float16 (half the size).") var half = false

    func run() throws {
        let (file, network) = try ModelFile.load(model)
        try file.save(network, to: output, halfPrecision: half)
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        print(String(format: "%@: %@, %d parameters, %.1f MB%@", output, network.hyper.arch.rawValue,
                     network.parameters.reduce(0) { $0 + $1.count }, Double(size) / 1e6, half ? " (float16)" : ""))
    }
}
