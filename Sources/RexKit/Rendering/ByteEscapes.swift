/// Bytes replaced by fixed texts in one pass over UTF-8: HTML's entities for `{{x}}` (`HTMLEscaping`), JSON's
/// `\u` escapes for JSON inside a `<script>` (`JSONText`), CSS strings (`PrintPageCSS`) and the
/// manifest's fields (`BuildManifest`). Every byte to replace is ASCII, so a replacement never splits a character.
struct ByteEscapes: Sendable {
    /// The replacement of each byte value, nil for bytes kept as they are.
    private let table: [[UInt8]?]

    init(_ replacements: [Unicode.Scalar: String]) {
        var table = [[UInt8]?](repeating: nil, count: 256)
        for (scalar, text) in replacements where scalar.isASCII { table[Int(scalar.value)] = Array(text.utf8) }
        self.table = table
    }

    /// The text with each byte replaced; the text itself when none of them needs it.
    func apply(to text: String) -> String {
        var text = text
        return text.withUTF8 { apply(to: UnsafeRawBufferPointer($0)) } ?? text
    }

    /// The bytes with each replaced; nil when none of them needs it (the caller keeps what it has).
    func apply(to bytes: UnsafeRawBufferPointer) -> String? {
        guard needed(in: bytes) else { return nil }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + bytes.count / 8)
        replacing(bytes, into: &escaped)
        return String(decoding: escaped, as: UTF8.self)
    }

    /// Appends the bytes to `output`, each replaced.
    func append(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        if needed(in: bytes) { replacing(bytes, into: &output) } else { output.append(contentsOf: bytes) }
    }

    private func needed(in bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.contains { table[Int($0)] != nil }
    }

    private func replacing(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        for byte in bytes {
            if let replacement = table[Int(byte)] { output.append(contentsOf: replacement) } else { output.append(byte) }
        }
    }
}
