import Foundation
import NeuralNet

/// `yamg doctor`'s OpenBLAS check: which build and CPU kernels train and play the models, on how many threads
/// (OpenBLAS's own default, and the `threads` setting `perform` uses).
///
/// A thread count above the CPUs only adds contention (`OPENBLAS_NUM_THREADS` is often copied between machines):
/// that is the one warning.
enum BLASCheck {
    static func run(environment: [String: String], performThreads: Int) -> CheckResult {
        let cpus = ProcessInfo.processInfo.activeProcessorCount
        let threads = BLAS.threads
        let coreType = environment["OPENBLAS_CORETYPE"], numThreads = environment["OPENBLAS_NUM_THREADS"]
        let configuration = BLAS.configuration.trimmingCharacters(in: .whitespaces)
        var details: [String: CheckDetail] = [
            "config": .text(configuration), "core": .text(BLAS.coreName), "threads": .integer(threads),
            "cpus": .integer(cpus), "openblas_processors": .integer(BLAS.processors), "perform_threads": .integer(performThreads),
        ]
        if let coreType { details["openblas_coretype"] = .text(coreType) }
        if let numThreads { details["openblas_num_threads"] = .text(numThreads) }
        func shown(_ value: String?) -> String { value.map { "=\($0)" } ?? " unset" }
        let message = "\(configuration); \(BLAS.coreName) kernels, "
            + "\(threads) thread\(threads == 1 ? "" : "s") (perform: \(performThreads)), "
            + "\(cpus) CPU\(cpus == 1 ? "" : "s") (OPENBLAS_CORETYPE\(shown(coreType)), OPENBLAS_NUM_THREADS\(shown(numThreads)))"
        if threads > cpus {
            return CheckResult(id: "openblas", title: "OpenBLAS", status: .warn, message: message,
                               fix: "set OPENBLAS_NUM_THREADS to \(cpus) or less (more threads than CPUs only contend)",
                               details: details)
        }
        return CheckResult(id: "openblas", title: "OpenBLAS", status: .ok, message: message, details: details)
    }
}
