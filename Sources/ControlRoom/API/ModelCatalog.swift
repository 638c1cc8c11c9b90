import Foundation

/// The models the page may switch to: the `.safetensors` files directly in the `--models` folder. A model is
/// loaded only by a name from this listing (no path can be given).
struct ModelCatalog {
    let folder: String

    init?(folder: String?) {
        guard let folder else { return nil }
        self.folder = folder
    }

    func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { name in
            var info = stat()
            return name.hasSuffix(".safetensors") && !name.hasPrefix(".")
                && stat(folder + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        }.sorted()
    }

    func path(of name: String) -> String? {
        names().contains(name) ? folder + "/" + name : nil
    }
}
