import Foundation

/// The models a performance may switch to: the `.safetensors` files directly in the `--models` folder, in sorted
/// order (the control room's picker lists them; MIDI Program Change N plays the Nth). A model is loaded only by a
/// name from this listing (no path can be given).
public struct ModelCatalog: Sendable {
    public let folder: String

    public init?(folder: String?) {
        guard let folder else { return nil }
        self.folder = folder
    }

    public func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { name in
            var info = stat()
            return name.hasSuffix(".safetensors") && !name.hasPrefix(".")
                && stat(folder + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        }.sorted()
    }

    public func path(of name: String) -> String? {
        names().contains(name) ? folder + "/" + name : nil
    }
}
