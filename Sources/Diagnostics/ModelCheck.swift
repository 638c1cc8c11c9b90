import Foundation
import Generation
import Models

/// `yamg doctor`'s model check: the model `perform` would play loads, and generates.
///
/// The model is the one named (`--model`, or `model` in the config), else the default model. Loading proves the
/// file and its metadata; sampling a few tokens through a `TokenStream` proves the network, sampler and decoder
/// run together on this CPU.
enum ModelCheck {
    static let tokens = 48

    /// `named`: the path and where it came from ("--model", "the config file"), or nil for the default model.
    static func run(named: (path: String, source: String)?) -> CheckResult {
        let path: String
        if let named {
            guard FileManager.default.fileExists(atPath: named.path) else {
                return CheckResult(id: "model", title: "model", status: .fail,
                                   message: "\(named.path) (from \(named.source)) does not exist",
                                   fix: "correct the path, or train a model: \(trainHint(named.path))",
                                   details: ["path": .text(named.path), "source": .text(named.source)])
            }
            path = named.path
        } else {
            let candidates = DefaultModel.candidates()
            guard let found = DefaultModel.locate() else {
                let target = candidates.first ?? "models/\(DefaultModel.fileName)"
                return CheckResult(id: "model", title: "model",  status: .warn,
                                   message: "no default model (looked for \(candidates.joined(separator: ", ")))",
                                   fix: "train one with: \(trainHint(target)); or pass --model FILE",
                                   details: ["tried": .list(candidates)])
            }
            path = found
        }
        return load(path, source: named?.source ?? "default")
    }

    private static func load(_ path: String, source: String) -> CheckResult {
        var details: [String: CheckDetail] = ["path": .text(path), "source": .text(source)]
        let file: ModelFile, network: LanguageModel
        do {
            (file, network) = try ModelFile.load(path)
        } catch {
            details["error"] = .text(error.problem)
            return CheckResult(id: "model", title: "model", status: .fail, message: "\(error)",
                               fix: "replace it with a model written by this yamg (yamg train … -o RUN; RUN/best.safetensors)",
                               details: details)
        }
        let parameters = network.parameterCount
        details["arch"] = .text(file.hyper.arch.rawValue)
        details["parameters"] = .integer(parameters)
        details["vocabulary"] = .integer(file.vocabulary.count)
        details["encoding"] = .text(file.encoding.kind.rawValue)
        details["step"] = .integer(file.step)
        if let valLoss = file.valLoss { details["val_loss"] = .number(valLoss) }
        let described = "\(path): \(file.hyper.arch.rawValue), \(grouped(parameters)) parameters, "
            + "\(file.vocabulary.count) tokens (\(file.encoding.kind.rawValue)), "
            + (file.valLoss.map { String(format: "val loss %.3f", $0) } ?? "no val loss") + ", step \(file.step)"
        do {
            let stream = try TokenStream(model: network, file: file, seed: 1)
            let start = DispatchTime.now().uptimeNanoseconds
            let events = stream.generate(until: .infinity, maxTokens: tokens)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            let notes = events.filter { if case .noteOn = $0.kind { true } else { false } }.count
            details["generated_tokens"] = .integer(stream.tokensGenerated)
            details["generated_notes"] = .integer(notes)
            details["us_per_token"] = .number((seconds / Double(max(1, stream.tokensGenerated)) * 1e6).rounded())
            guard stream.tokensGenerated > 0 else {
                return CheckResult(id: "model", title: "model", status: .fail, message: "\(described); it generated nothing",
                                   fix: "retrain it (yamg train)", details: details)
            }
            return CheckResult(id: "model", title: "model", status: .ok, message: described + String(
                format: "; generated %d tokens (%d notes) at %.0f µs/token", stream.tokensGenerated, notes,
                seconds / Double(stream.tokensGenerated) * 1e6), details: details)
        } catch {
            details["error"] = .text("\(error)")
            return CheckResult(id: "model", title: "model", status: .fail, message: "\(described); cannot generate: \(error)",
                               fix: "retrain it with this yamg (yamg train)", details: details)
        }
    }

    /// 3412356 → "3,412,356".
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        return String(digits.enumerated().flatMap { i, d in (i > 0 && (digits.count - i) % 3 == 0 ? [","] : []) + [d] })
    }

    /// The commands that make a model at `target`.
    static func trainHint(_ target: String) -> String {
        "yamg preprocess ~/midi -o corpus && yamg train corpus -o run && cp run/best.safetensors \(target)"
    }
}
