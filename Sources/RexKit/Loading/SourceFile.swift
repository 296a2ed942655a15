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
    /// Deeper nesting than any handbook needs; composing nodes recurses once per level.
    static let maxNesting = 64

    static func tooLargeMessage(bytes: Int) -> String {
        "file is \(bytes) bytes; a handbook file may hold at most \(maxFileBytes) bytes (2 MiB)"
    }
}

/// Reads a file's bytes into a YAML node tree, reporting encoding and syntax problems at their position.
enum YAMLReading {
    static func compose(_ data: Data, file: SourceFile) -> Node? {
        if data.count > LoadLimits.maxFileBytes {
            file.error(LoadLimits.tooLargeMessage(bytes: data.count), at: file.location(nil), rule: "file-too-large")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            file.error("file is not valid UTF-8 text (save it as UTF-8)", at: firstInvalidUTF8(in: data, file: file),
                       rule: "not-utf8")
            return nil
        }
        if let hazard = YAMLPrescan.hazard(in: data) {
            report(hazard, file: file)
            return nil
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            YAMLSyntaxReport(text: text, file: file).report(error)
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

    private static func report(_ hazard: YAMLHazard, file: SourceFile) {
        switch hazard {
        case .tooDeep(let line, let column):
            file.error("nesting deeper than \(LoadLimits.maxNesting) levels",
                       at: SourceLocation(path: file.path, line: line, column: column), rule: "too-deep")
        case .anchor(let name, let isAlias, let line, let column):
            let written = isAlias ? "alias '*\(name)'" : "anchor '&\(name)'"
            file.error("\(written): YAML anchors and aliases are not allowed in a handbook file; write the value out",
                       at: SourceLocation(path: file.path, line: line, column: column), rule: "yaml-anchor")
        }
    }
}

/// A YAML null: an empty plain value, `~` or `null`.
func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
}
