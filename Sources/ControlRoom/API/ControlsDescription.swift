import Generation

/// The controls table as the API shows it, built from ``ControlKey/allCases`` and each key's ``ControlSpec``, so the
/// page makes its widgets from the same table the flags and the config file come from: a slider for a number or an
/// integer (with its bounds), a select where the spec lists choices, a text field otherwise.
enum ControlsDescription {
    /// `{"temperature": 0.9, "top-k": 40, "key": "Ebm"}`: numbers as JSON numbers, every other kind as text.
    static func values(_ controls: Controls) -> JSONValue {
        .object(ControlKey.allCases.map { ($0.rawValue, value(of: $0, in: controls)) })
    }

    static func value(of key: ControlKey, in controls: Controls) -> JSONValue {
        let text = controls.text(key)
        if isNumeric(key), let number = Double(text) { return .number(number) }
        return .string(text)
    }

    /// One entry per control, in table order: key, kind, bounds, default, unit, help.
    static func specs() -> JSONValue {
        let defaults = Controls()
        return .array(ControlKey.allCases.map { key in
            let spec = key.spec
            var members: [(String, JSONValue)] = [
                ("key", .string(key.rawValue)),
                ("kind", .string(spec.kind.rawValue)),
                ("default", value(of: key, in: defaults)),
                ("unit", .string(spec.unit)),
                ("help", .string(spec.help)),
            ]
            if let bounds = spec.bounds {
                members += [("min", .number(bounds.lower)), ("max", .number(bounds.upper)),
                            ("min_open", .bool(bounds.lowerOpen)), ("max_open", .bool(bounds.upperOpen)),
                            ("range", .string(bounds.description))]
            }
            if let choices = spec.choices { members.append(("choices", .array(choices.map { .string($0) }))) }
            return .object(members)
        })
    }

    /// Whether a control's value is a number (the kinds `number` and `integer`).
    static func isNumeric(_ key: ControlKey) -> Bool { key.spec.isNumeric }
}
