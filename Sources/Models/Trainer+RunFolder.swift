import Encoding
import Foundation

extension Trainer {
    /// A fresh run was asked for in a folder that already holds one.
    public struct RunFolderInUse: Error, CustomStringConvertible {
        public var folder: String
        public var description: String {
            "\(folder) already holds a training run (last.safetensors); continue it with --resume, or train into another folder"
        }
    }

    /// Refuses to start afresh where `folder/last.safetensors` exists: a run folder holds hours of work, so
    /// training over it must be asked for (`resume`), never happen by a mistyped folder.
    public static func checkRunFolder(_ folder: String, resume: Bool) throws(RunFolderInUse) {
        if !resume && FileManager.default.fileExists(atPath: folder + "/last.safetensors") {
            throw RunFolderInUse(folder: folder)
        }
    }

    /// `yamg train`'s entry: the run folder is checked before the corpus in `corpusFolder` is read, so a
    /// mistyped folder is refused at once, then training is set up as `init(corpus:hyper:options:folder:)` does.
    public convenience init(corpusFolder: String, hyper: Hyperparameters, options: Options, folder: String) throws {
        try Self.checkRunFolder(folder, resume: options.resume)
        try self.init(corpus: try Corpus(contentsOf: corpusFolder), hyper: hyper, options: options, folder: folder)
    }
}
