/// Why JSON text could not be read, and where (1-based).
struct JSONReadError: Error, Sendable {
    enum Kind: Sendable { case syntax, tooDeep }
    var kind: Kind
    var message: String
    var line: Int
    var column: Int
}

/// Strict JSON (RFC 8259) → `JSONNode`, keeping the line and column of every value. Written for files that may be
/// hostile: nesting is bounded before it can exhaust the stack, a repeated key is refused (which of the two would
/// count?), and every error names its position. The bytes must already be valid UTF-8; a leading BOM is skipped.
/// Columns count characters, not bytes.
struct JSONReader {
    /// Deeper than any exported run (six levels); the reader recurses once per level.
    static let maxDepth = 32

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    static func read(_ bytes: [UInt8]) throws(JSONReadError) -> JSONNode {
        var reader = JSONReader(bytes)
        reader.skipSpace()
        let node = try reader.value(depth: 1)
        reader.skipSpace()
        if reader.index < bytes.count { throw reader.fail("unexpected \(reader.shown) after the end of the JSON value") }
        return node
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(JSONReadError) -> JSONNode {
        guard index < bytes.count else { throw fail("the file ends where a value was expected") }
        let startLine = line, startColumn = column
        let make = { (value: JSONNode.Value) in JSONNode(value: value, line: startLine, column: startColumn) }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            try checkDepth(depth)
            return make(.object(try object(depth: depth)))
        case UInt8(ascii: "["):
            try checkDepth(depth)
            return make(.array(try array(depth: depth)))
        case UInt8(ascii: "\""):
            return make(.string(try string()))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return make(.number(try number()))
        case UInt8(ascii: "t"):
            try literal("true")
            return make(.bool(true))
        case UInt8(ascii: "f"):
            try literal("false")
            return make(.bool(false))
        case UInt8(ascii: "n"):
            try literal("null")
            return make(.null)
        default:
            throw fail("unexpected \(shown) where a value was expected")
        }
    }

    private func checkDepth(_ depth: Int) throws(JSONReadError) {
        if depth > Self.maxDepth {
            throw JSONReadError(kind: .tooDeep, message: "nesting deeper than \(Self.maxDepth) levels", line: line, column: column)
        }
    }

    private mutating func object(depth: Int) throws(JSONReadError) -> [JSONMember] {
        advance() // {
        skipSpace()
        var members: [JSONMember] = []
        var seen = Set<String>()
        if peek(UInt8(ascii: "}")) { advance(); return members }
        while true {
            guard peek(UInt8(ascii: "\"")) else { throw fail("expected a key in double quotes, found \(shown)") }
            let keyLine = line, keyColumn = column
            let key = try string()
            guard seen.insert(key).inserted else {
                throw JSONReadError(kind: .syntax, message: "duplicate key \"\(key)\"", line: keyLine, column: keyColumn)
            }
            skipSpace()
            guard peek(UInt8(ascii: ":")) else { throw fail("expected ':' after the key \"\(key)\", found \(shown)") }
            advance()
            skipSpace()
            members.append(JSONMember(key: key, keyLine: keyLine, keyColumn: keyColumn, node: try value(depth: depth + 1)))
            skipSpace()
            if peek(UInt8(ascii: ",")) { advance(); skipSpace(); continue }
            if peek(UInt8(ascii: "}")) { advance(); return members }
            throw fail("expected ',' or '}' in an object, found \(shown)")
        }
    }

    private mutating func array(depth: Int) throws(JSONReadError) -> [JSONNode] {
        advance() // [
        skipSpace()
        var items: [JSONNode] = []
        if peek(UInt8(ascii: "]")) { advance(); return items }
        while true {
            items.append(try value(depth: depth + 1))
            skipSpace()
            if peek(UInt8(ascii: ",")) { advance(); skipSpace(); continue }
            if peek(UInt8(ascii: "]")) { advance(); return items }
            throw fail("expected ',' or ']' in a list, found \(shown)")
        }
    }

    private mutating func literal(_ word: String) throws(JSONReadError) {
        for expected in word.utf8 {
            guard index < bytes.count, bytes[index] == expected else { throw fail("unexpected \(shown); expected '\(word)'") }
            advance()
        }
    }

    private mutating func number() throws(JSONReadError) -> Double {
        let start = index
        let startLine = line, startColumn = column
        if peek(UInt8(ascii: "-")) { advance() }
        guard let first = current, isDigit(first) else { throw fail("expected a digit, found \(shown)") }
        advance()
        if first != UInt8(ascii: "0") { while let byte = current, isDigit(byte) { advance() } }
        if peek(UInt8(ascii: ".")) {
            advance()
            guard let byte = current, isDigit(byte) else { throw fail("expected a digit after '.', found \(shown)") }
            while let byte = current, isDigit(byte) { advance() }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            advance()
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { advance() }
            guard let byte = current, isDigit(byte) else { throw fail("expected a digit in the exponent, found \(shown)") }
            while let byte = current, isDigit(byte) { advance() }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let number = Double(text), number.isFinite else {
            throw JSONReadError(kind: .syntax, message: "the number \(text.prefix(40)) is out of range",
                                line: startLine, column: startColumn)
        }
        return number
    }

    private mutating func string() throws(JSONReadError) -> String {
        advance() // opening quote
        var utf8: [UInt8] = []
        while true {
            guard let byte = current else { throw fail("the file ends inside a text (a missing '\"')") }
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                advance()
                try escape(into: &utf8)
            case 0..<0x20:
                throw fail("a control character inside a text must be escaped (\\n, \\t, \\u00XX)")
            default:
                utf8.append(byte)
                advance()
            }
        }
    }

    private mutating func escape(into utf8: inout [UInt8]) throws(JSONReadError) {
        guard let byte = current else { throw fail("the file ends inside a text (a missing '\"')") }
        let simple: [UInt8: UInt8] = [UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F,
                                      UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
                                      UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09]
        if let replacement = simple[byte] {
            utf8.append(replacement)
            advance()
            return
        }
        guard byte == UInt8(ascii: "u") else { throw fail("unknown escape '\\\(shown.dropFirst().dropLast())' in a text") }
        advance()
        var code = try hex4()
        if (0xD800...0xDBFF).contains(code) {
            guard peek(UInt8(ascii: "\\")), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                throw fail("a \\u escape of a lone surrogate is not text")
            }
            advance(); advance()
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw fail("a \\u escape of a lone surrogate is not text") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(code) {
            throw fail("a \\u escape of a lone surrogate is not text")
        }
        utf8.append(contentsOf: Array(String(Character(Unicode.Scalar(code)!)).utf8))
    }

    private mutating func hex4() throws(JSONReadError) -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = hexValue(byte) else { throw fail("expected 4 hexadecimal digits after \\u") }
            code = code * 16 + digit
            advance()
        }
        return code
    }

    // MARK: Bytes and positions

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    /// Moves one byte on; a new character starts a new column, a line feed a new line.
    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { advance() }
    }

    /// The character at the current position, for messages: `'x'`, or "the end of the file".
    private var shown: String {
        guard index < bytes.count else { return "the end of the file" }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'\(String(decoding: bytes[index..<end], as: UTF8.self))'"
    }

    private func fail(_ message: String) -> JSONReadError {
        JSONReadError(kind: .syntax, message: message, line: line, column: column)
    }

    private func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
