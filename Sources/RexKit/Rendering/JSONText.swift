/// A value written as a JSON object: its members, in `JSONEncoder`'s order (by code point).
protocol JSONObject {
    func writeMembers(to json: inout JSONText)
}

extension JSONObject {
    /// JSON safe inside a `<script type="application/json">` element (`JSONText(embedded:)`).
    func embeddableJSON() -> String {
        var json = JSONText(embedded: true)
        json.object(self)
        return json.text
    }
}

/// JSON written straight into bytes, as `JSONEncoder` with `.sortedKeys` writes the same values — for what a build
/// writes once per procedure or document (the runner's model, search entries): `JSONEncoder` boxes every value into
/// a tree and sorts every object's keys, about a twentieth of a full build's instructions. An object's keys are
/// written in the order the writer gives them, which must be the encoder's, by code point: tests hold each writer
/// to the encoder's bytes.
struct JSONText {
    private(set) var bytes: [UInt8] = []
    /// The escapes of a string's bytes: JSON's, and the caller's on top (`embedded`).
    private let escapes: ByteEscapes
    /// For each object or array open, whether it has a member yet.
    private var filled: [Bool] = []
    private var afterKey = false

    /// `embedded`: `<`, `>` and `&` written as `\u` escapes too, so that no `</script>` can close a `<script>` the
    /// JSON is in.
    init(embedded: Bool = false) {
        escapes = embedded ? Self.embeddedEscapes : Self.jsonEscapes
        bytes.reserveCapacity(4096)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func string(_ value: String) {
        startValue()
        quoted(value)
    }

    private mutating func quoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { escapes.append(UnsafeRawBufferPointer($0), to: &bytes) }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func number(_ value: Int) {
        startValue()
        bytes += String(value).utf8
    }

    /// As the encoder writes a finite number: its shortest form, without a trailing `.0` (`600`, `0.5`, `1e-07`).
    mutating func number(_ value: Double) {
        startValue()
        let text = value.description
        bytes += (text.hasSuffix(".0") ? text.dropLast(2) : Substring(text)).utf8
    }

    mutating func bool(_ value: Bool) {
        startValue()
        bytes += (value ? "true" : "false").utf8
    }

    mutating func object(_ value: some JSONObject) {
        enclose("{", "}", value.writeMembers)
    }

    mutating func array<Items: Sequence>(_ items: Items, _ item: (inout JSONText, Items.Element) -> Void) {
        enclose("[", "]") { text in
            for element in items { item(&text, element) }
        }
    }

    /// The key of the object's next member; its value is written next.
    mutating func key(_ name: String) {
        assert(!afterKey && !filled.isEmpty, "JSON key out of place: \(name)")
        startValue()
        quoted(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    // Members whose value may be absent: the encoder leaves out an absent optional.

    mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func member(_ name: String, _ value: Double?) {
        guard let value else { return }
        key(name)
        number(value)
    }

    mutating func member(_ name: String, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bool(value)
    }

    mutating func member(_ name: String, _ value: Int) {
        key(name)
        number(value)
    }

    mutating func member(_ name: String, _ values: [String]?) {
        guard let values else { return }
        key(name)
        array(values) { $0.string($1) }
    }

    mutating func member(_ name: String, _ objects: [some JSONObject]) {
        key(name)
        array(objects) { $0.object($1) }
    }

    private mutating func enclose(_ opening: Unicode.Scalar, _ closing: Unicode.Scalar, _ members: (inout JSONText) -> Void) {
        startValue()
        bytes.append(UInt8(ascii: opening))
        filled.append(false)
        members(&self)
        filled.removeLast()
        bytes.append(UInt8(ascii: closing))
    }

    /// A comma before every member of an object or array but its first; none after a key.
    private mutating func startValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = filled.indices.last else { return }
        if filled[last] { bytes.append(UInt8(ascii: ",")) }
        filled[last] = true
    }

    /// JSONEncoder's: `"`, `\` and `/` after a backslash, the control characters as `\b`, `\t`, `\n`, `\f`, `\r` or
    /// `\u00xx`; every other character as it is.
    private static let jsonEscapes = ByteEscapes(jsonReplacements)
    private static let embeddedEscapes = ByteEscapes(jsonReplacements.merging(["<": "\\u003c", ">": "\\u003e",
                                                                               "&": "\\u0026"]) { $1 })
    private static var jsonReplacements: [Unicode.Scalar: String] {
        var replacements: [Unicode.Scalar: String] = ["\"": "\\\"", "\\": "\\\\", "/": "\\/", "\u{8}": "\\b",
                                                      "\t": "\\t", "\n": "\\n", "\u{C}": "\\f", "\r": "\\r"]
        for code in 0..<0x20 where replacements[Unicode.Scalar(UInt8(code))] == nil {
            let hex = String(code, radix: 16)
            replacements[Unicode.Scalar(UInt8(code))] = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        return replacements
    }
}
