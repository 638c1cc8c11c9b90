// swift-tools-version:6.1
import PackageDescription

/// libFuzzer harnesses: the MIDIFile reader and writer (MIDIFuzz), and the control room's JSON of controls
/// (ControlsFuzz); build and run them with `run.sh`.
/// A separate package so the sanitizer flags never touch the main build.
let package = Package(
    name: "MIDIFuzz",
    dependencies: [
        // Named explicitly: the product reference must not depend on what the clone's folder is called.
        .package(name: "YAMG", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "MIDIFuzz",
            dependencies: [.product(name: "MIDIFile", package: "YAMG")]
        ),
        .executableTarget(
            name: "ControlsFuzz",
            dependencies: [.product(name: "Generation", package: "YAMG")]
        ),
    ]
)
