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
        let exported = try ModelFile.export(model, to: output, halfPrecision: half)
        print(String(format: "%@: %@, %d parameters, %.1f MB%@", output, exported.arch.rawValue, exported.parameters,
                     Double(exported.bytes) / 1e6, half ? " (float16)" : ""))
    }
}
