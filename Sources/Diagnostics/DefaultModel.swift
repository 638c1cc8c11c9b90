import Foundation
import Render

/// Where the default model (`models/default.safetensors`) is looked for when no model is named: the repository's
/// `models/` (found by walking up from the running executable to the first folder holding `Package.swift` or
/// `models/`), then `<bin>/../share/yamg/models/` where `make install` puts it.
public enum DefaultModel {
    public static let fileName = "default.safetensors"

    /// The places searched, in order, whether or not they exist.
    public static func candidates(executable: String? = ProjectFolders.executablePath()) -> [String] {
        ProjectFolders.candidates("models", executable: executable).map { $0 + "/" + fileName }
    }

    /// The first candidate that exists, or nil.
    public static func locate(executable: String? = ProjectFolders.executablePath()) -> String? {
        candidates(executable: executable).first { FileManager.default.fileExists(atPath: $0) }
    }
}
