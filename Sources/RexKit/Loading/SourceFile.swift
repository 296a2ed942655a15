import Foundation
import Yams

/// One handbook file being read: its relative path and the diagnostics found in it.
final class SourceFile {
    /// Shared by every location in the file.
    private let sharedPath: SourcePath
    private(set) var diagnostics: [Diagnostic] = []

    var path: String { sharedPath.path }

    init(path: String) {
        sharedPath = SourcePath(path)
    }

    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: sharedPath, line: node.line, column: node.column)
    }

    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: sharedPath, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// A location in this file.
    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: sharedPath, line: line, column: column)
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
