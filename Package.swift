// swift-tools-version:6.1
import PackageDescription

/// YAMG — Yet Another MIDI Generator.
///
/// Library targets follow the data (see `README.md`); each knows only the layers below it.
/// The `yamg` executable holds one file per subcommand and no logic of its own.
let package = Package(
    name: "YAMG",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "yamg", targets: ["yamg"]),
        .library(name: "MIDIFile", targets: ["MIDIFile"]),
        .library(name: "Encoding", targets: ["Encoding"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "MIDIFile"),
        .systemLibrary(name: "CLinux"),
        .target(name: "Encoding", dependencies: ["MIDIFile", "CLinux"]),
        .executableTarget(
            name: "yamg",
            dependencies: [
                "MIDIFile",
                "Encoding",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MIDIFileTests", dependencies: ["MIDIFile"]),
        .testTarget(name: "EncodingTests", dependencies: ["Encoding", "MIDIFile"]),
        .testTarget(name: "yamgTests", dependencies: ["yamg"]),
    ]
)
