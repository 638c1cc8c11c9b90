import Foundation
import TestSupport
import Testing
import Daemon

/// The repository (Makefile, systemd/).
private let repository = TestPaths.repository

/// Runs `arguments` (a program found on $PATH first), returns the exit status and stdout+stderr.
private func run(_ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let environment { process.environment = environment }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

/// A scratch folder and a stand-in for the release binary, so that installing does not need a build.
private final class InstallRoot {
    let folder: String
    let fakeBinary: String

    init() throws {
        folder = try TestPaths.temporaryFolder("install")
        fakeBinary = folder + "/yamg-built"
        try "#!/bin/sh\nexit 0\n".write(toFile: fakeBinary, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fakeBinary)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func make(_ target: String, _ variables: [String]) throws -> (status: Int32, output: String) {
        try run(["make", "-s", "-C", repository, target, "YAMG=\(fakeBinary)"] + variables)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
}

/// The absolute paths a unit names (ExecStart…, Documentation=file://…), without systemd's specifiers.
private func absolutePaths(in unit: String) -> [String] {
    unit.split(separator: "\n").filter { !$0.hasPrefix("#") }.flatMap { line in
        line.split(whereSeparator: { " =\"'".contains($0) }).compactMap { word -> String? in
            let word = word.hasPrefix("file://") ? word.dropFirst(7) : word
            return word.hasPrefix("/") && !word.contains("%") ? String(word) : nil
        }
    }
}

private let systemdAnalyze: String? = {
    for folder in ["/usr/bin", "/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: folder + "/systemd-analyze") {
        return folder + "/systemd-analyze"
    }
    FileHandle.standardError.write(Data("""

        ***************************************************************************************************
        *** NOTE: systemd-analyze is not installed: the systemd units are NOT verified. Install it with ***
        ***       apt-get install systemd   (Debian's systemd package ships systemd-analyze).           ***
        ***************************************************************************************************

        """.utf8))
    return nil
}()

@Suite("SystemdInstall")
struct SystemdInstallTests {
    /// `make install-files DESTDIR=… PREFIX=/usr` puts every file where the units and configs expect it.
    @Test func installPutsFilesWhereTheUnitsExpectThem() throws {
        let root = try InstallRoot()
        let stage = root.folder + "/stage"
        let install = try root.make("install-files", ["DESTDIR=\(stage)", "PREFIX=/usr"])
        #expect(install.status == 0, "\(install.output)")

        let system = try root.read(stage + "/usr/lib/systemd/system/yamg.service")
        let user = try root.read(stage + "/usr/lib/systemd/user/yamg.service")
        #expect(system.contains("\nExecStart=/usr/bin/yamg perform --config /etc/yamg/yamg.toml\n"))
        #expect(user.contains("\nExecStart=/usr/bin/yamg perform --config \"%E/yamg/yamg.toml\"\n"))
        #expect(FileManager.default.isExecutableFile(atPath: stage + "/usr/bin/yamg"))
        for path in ["/usr/share/yamg/models/README.md", "/usr/share/yamg/soundfonts/README.md", "/usr/share/yamg/web/index.html",
                     "/usr/share/yamg/yamg.toml.example", "/usr/share/yamg/yamg-user.toml", "/etc/yamg/yamg.toml"] {
            #expect(root.exists(stage + path), "\(path)")
        }
        // Every path of ours a unit names is installed (/bin/sh, /bin/kill are the system's), and no @PLACEHOLDER@
        // is left anywhere.
        let named = absolutePaths(in: system) + absolutePaths(in: user)
        #expect(named.contains("/usr/bin/yamg") && named.contains("/etc/yamg/yamg.toml") && named.contains("/usr/share/yamg/yamg-user.toml"))
        for path in named where path.hasPrefix("/usr/") || path.hasPrefix("/etc/") {
            #expect(root.exists(stage + path), "a unit names \(path), which is not installed")
        }
        for file in ["/usr/lib/systemd/system/yamg.service", "/usr/lib/systemd/user/yamg.service",
                     "/usr/share/yamg/yamg-user.toml", "/etc/yamg/yamg.toml"] {
            #expect(try root.read(stage + file).range(of: "@[A-Z]+@", options: .regularExpression) == nil, "\(file)")
        }

        // The installed configs load, and name the installed model.
        var systemConfig = PerformConfiguration()
        try systemConfig.load(file: stage + "/etc/yamg/yamg.toml")
        #expect(systemConfig.settings.model == "/usr/share/yamg/models/default.safetensors")
        #expect(systemConfig.settings.alsa && systemConfig.settings.audioDriver == .alsa)
        var userConfig = PerformConfiguration()
        try userConfig.load(file: stage + "/usr/share/yamg/yamg-user.toml")
        #expect(userConfig.settings.model == "/usr/share/yamg/models/default.safetensors")
        #expect(userConfig.settings.fluidsynth && userConfig.settings.audioDriver == .pulseaudio)

        // A second install keeps an edited config; uninstall removes the rest and keeps the edit.
        try "model = \"/srv/mine.safetensors\"\n".write(toFile: stage + "/etc/yamg/yamg.toml", atomically: true, encoding: .utf8)
        let again = try root.make("install-files", ["DESTDIR=\(stage)", "PREFIX=/usr"])
        #expect(again.status == 0 && again.output.contains("kept"), "\(again.output)")
        #expect(try root.read(stage + "/etc/yamg/yamg.toml") == "model = \"/srv/mine.safetensors\"\n")
        let uninstall = try root.make("uninstall", ["DESTDIR=\(stage)", "PREFIX=/usr"])
        #expect(uninstall.status == 0 && uninstall.output.contains("it has your changes"), "\(uninstall.output)")
        for path in ["/usr/bin/yamg", "/usr/share/yamg", "/usr/lib/systemd/system/yamg.service",
                     "/usr/lib/systemd/user/yamg.service"] {
            #expect(!root.exists(stage + path), "\(path) is left after uninstall")
        }
        #expect(root.exists(stage + "/etc/yamg/yamg.toml"))

        // An unchanged config goes with uninstall.
        try FileManager.default.removeItem(atPath: stage + "/etc/yamg/yamg.toml")
        #expect(try root.make("install-files", ["DESTDIR=\(stage)", "PREFIX=/usr"]).status == 0)
        #expect(try root.make("uninstall", ["DESTDIR=\(stage)", "PREFIX=/usr"]).status == 0)
        #expect(!root.exists(stage + "/etc/yamg"))
    }

    @Test func installFilesWantsABuiltBinary() throws {
        let result = try run(["make", "-s", "-C", repository, "install-files", "YAMG=/nonexistent/yamg",
                              "DESTDIR=/nonexistent-stage"])
        #expect(result.status != 0 && result.output.contains("/nonexistent/yamg is not built"), "\(result.output)")
    }

    /// `systemd-analyze verify` accepts both installed units without a word (it only warns about unknown keys, so
    /// any output fails the test; a planted mistake shows that it would).
    @Test(.enabled(if: systemdAnalyze != nil, "systemd-analyze is not installed"))
    func unitsVerify() throws {
        let analyze = try #require(systemdAnalyze)
        let root = try InstallRoot()
        // A real prefix (no DESTDIR), so that ExecStart's binary exists where the unit says.
        let prefix = root.folder + "/prefix"
        let install = try root.make("install-files", ["PREFIX=\(prefix)", "SYSCONFDIR=\(prefix)/etc"])
        #expect(install.status == 0, "\(install.output)")
        let runtime = root.folder + "/runtime"
        try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_RUNTIME_DIR"] = runtime  // what `--user` needs, in a container as well
        environment["SYSTEMD_LOG_COLOR"] = "0"

        let systemUnit = prefix + "/lib/systemd/system/yamg.service"
        let userUnit = prefix + "/lib/systemd/user/yamg.service"
        let system = try run([analyze, "verify", "--man=no", systemUnit], environment: environment)
        #expect(system.status == 0 && system.output.isEmpty, "\(system.output)")
        let user = try run([analyze, "--user", "verify", "--man=no", userUnit], environment: environment)
        #expect(user.status == 0 && user.output.isEmpty, "\(user.output)")

        let planted = root.folder + "/yamg.service"
        try (try root.read(systemUnit)).replacingOccurrences(of: "WatchdogSec=30", with: "WatchdogSecs=30")
            .write(toFile: planted, atomically: true, encoding: .utf8)
        let mistake = try run([analyze, "verify", "--man=no", planted], environment: environment)
        #expect(mistake.output.contains("WatchdogSecs"), "verify did not notice a misspelt key: \(mistake.output)")
    }
}
