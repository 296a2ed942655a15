/// Text written into a YAML file Rex generates, so that it reads back as exactly that text whatever it holds:
/// quotes, colons, `#`, a leading `-` or `*`, `yes`, `12:30` or a line separator.
enum YAMLQuoting {
    /// A double-quoted YAML scalar: `"…"` with `\` escapes for quotes, backslashes and anything not printable.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                // Escaped: what YAML may not hold as written (outside its printable set: controls, U+FFFE, U+FFFF),
                // the characters it reads as line breaks (NEL, LS, PS) and the byte-order mark.
                let value = scalar.value
                if !YAMLReadableText.isPrintable(value) || [0x85, 0x2028, 0x2029, 0xFEFF].contains(value) {
                    result += "\\u" + String(value, radix: 16).leftPadded(to: 4)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A comment line: `# text`, the text on one line.
    static func comment(_ text: String) -> String {
        "# " + DraftWording.oneLine(text)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
