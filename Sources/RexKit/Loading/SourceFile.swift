import Foundation
import Yams

/// One handbook file being read: its relative path and the diagnostics found in it.
final class SourceFile {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    func location(_ node: Node) -> SourceLocation {
        location(node.mark)
    }

    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func error(_ message: String, at location: SourceLocation, rule: String, suggestion: String? = nil) {
        diagnostics.append(Diagnostic(.error, message, at: location, rule: rule, suggestion: suggestion))
    }

    func warning(_ message: String, at location: SourceLocation, rule: String, suggestion: String? = nil) {
        diagnostics.append(Diagnostic(.warning, message, at: location, rule: rule, suggestion: suggestion))
    }
}

/// Limits that keep hostile or accidental input from exhausting the machine.
enum LoadLimits {
    /// A handbook file is hand-written text; anything larger is a mistake.
    static let maxFileBytes = 2 * 1024 * 1024
    /// Deeper nesting than any handbook needs; libyaml recurses once per level.
    static let maxNesting = 64
}

/// Reads a file's bytes into a YAML node tree, reporting encoding and syntax problems at their position.
enum YAMLReading {
    static func compose(_ data: Data, file: SourceFile) -> Node? {
        if data.count > LoadLimits.maxFileBytes {
            file.error("file is \(data.count) bytes; a handbook file may hold at most \(LoadLimits.maxFileBytes) bytes",
                       at: file.location(nil), rule: "file-too-large")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            file.error("file is not valid UTF-8 text (save it as UTF-8)", at: firstInvalidUTF8(in: data, file: file),
                       rule: "not-utf8")
            return nil
        }
        if let nesting = excessiveNesting(in: text, file: file) {
            file.error("nesting deeper than \(LoadLimits.maxNesting) levels", at: nesting, rule: "too-deep")
            return nil
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            report(error, file: file)
            return nil
        } catch {
            file.error("cannot read YAML: \(error)", at: file.location(nil), rule: "yaml-syntax")
            return nil
        }
        guard let node, !isNull(node) else {
            file.error("file is empty", at: file.location(nil), rule: "empty-file")
            return nil
        }
        return node
    }

    private static func report(_ error: YamlError, file: SourceFile) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            file.error("YAML syntax: \(problem)", at: file.location(mark), rule: "yaml-syntax")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            file.error("key \(keys) appears more than once in the same mapping", at: file.location(context.mark),
                       rule: "duplicate-key")
        case .reader(let problem, _, _, _):
            file.error("YAML reader: \(problem)", at: file.location(nil), rule: "yaml-syntax")
        default:
            file.error("cannot read YAML: \(error)", at: file.location(nil), rule: "yaml-syntax")
        }
    }

    /// Where the first byte that breaks UTF-8 is, so the author can find it.
    private static func firstInvalidUTF8(in data: Data, file: SourceFile) -> SourceLocation {
        let repaired = String(decoding: data, as: UTF8.self)
        var line = 1, column = 1
        for scalar in repaired.unicodeScalars {
            if scalar == "\u{FFFD}" { break }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(path: file.path, line: line, column: column)
    }

    /// Flow brackets and block indentation both nest, and the parser recurses once per level:
    /// refuse absurd nesting before it can exhaust the stack.
    private static func excessiveNesting(in text: String, file: SourceFile) -> SourceLocation? {
        var depth = 0, line = 1, column = 0, leading = 0, atLineStart = true
        for scalar in text.unicodeScalars {
            column += 1
            switch scalar {
            case "\n":
                line += 1; column = 0; leading = 0; atLineStart = true
                continue
            case "[", "{": depth += 1
            case "]", "}": depth = max(0, depth - 1)
            default: break
            }
            if atLineStart {
                if scalar == " " || scalar == "-" { leading += 1 } else { atLineStart = false }
            }
            if depth > LoadLimits.maxNesting || leading > LoadLimits.maxNesting * 4 {
                return SourceLocation(path: file.path, line: line, column: column)
            }
        }
        return nil
    }
}

/// A YAML null: an empty plain value, `~` or `null`.
func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
}
