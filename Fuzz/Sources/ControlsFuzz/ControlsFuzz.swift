import Foundation
import Generation

/// libFuzzer entry point over the control room's `PATCH /api/controls` parser (``ControlsJSON``): any bytes either
/// fail with one line naming what is wrong, or set controls that are valid and read back the same from their text,
/// and a failure changes nothing. A violation stops the process with `fatalError` (a crash with the input).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzControlsJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let json = Data(bytes: data, count: size)
    let start = Controls()
    var controls = start
    do {
        let keys = try ControlsJSON.apply(json, to: &controls)
        for key in ControlKey.allCases where !keys.contains(key) && controls.text(key) != start.text(key) {
            fatalError("\(key) changed without being named")
        }
        for key in keys {
            var again = Controls()
            do { try again.set(key, text: controls.text(key)) } catch {
                fatalError("\(key) = \(controls.text(key)) was accepted but does not read back: \(error)")
            }
            if again.text(key) != controls.text(key) { fatalError("\(key): \(controls.text(key)) reads back as \(again.text(key))") }
        }
    } catch {
        if controls != start { fatalError("a refused body changed the controls") }
        let message = error.description
        if message.isEmpty || message.contains("\n") { fatalError("the error is not one line: \(message.debugDescription)") }
    }
    return 0
}
