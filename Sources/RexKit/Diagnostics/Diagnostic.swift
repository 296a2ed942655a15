/// A position in a handbook file: the path relative to the handbook, 1-based line and column.
///
/// Every node of the model carries one, so it is kept small: the path is one reference shared by all the
/// locations of a file (`SourceFile` makes it once), line and column 32-bit (plenty: a handbook file is at most
/// 2 MB, `LoadLimits.maxFileBytes`; a larger value is clamped).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    private var file: SourcePath
    private var storedLine: UInt32
    private var storedColumn: UInt32

    /// The file, relative to the handbook (`procedures/arret-rv.yml`).
    public var path: String {
        get { file.path }
        set { file = SourcePath(newValue) }
    }

    /// 1-based.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }

    /// 1-based.
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }

    public init(path: String, line: Int, column: Int) {
        self.init(file: SourcePath(path), line: line, column: column)
    }

    init(file: SourcePath, line: Int, column: Int) {
        self.file = file
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
    }

    /// The same file (by path, whoever made the location), line and column.
    public static func == (a: SourceLocation, b: SourceLocation) -> Bool {
        a.storedLine == b.storedLine && a.storedColumn == b.storedColumn && (a.file === b.file || a.path == b.path)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(storedLine)
        hasher.combine(storedColumn)
    }

    /// By path, then line, then column: the order diagnostics are listed in.
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }

    public var description: String { "\(path):\(line):\(column)" }
}

/// A file's path, held once for all the locations in the file.
final class SourcePath: Sendable {
    let path: String

    init(_ path: String) { self.path = path }
}

/// How serious a problem is: errors stop a build, warnings do not.
public enum Severity: String, Sendable, Codable, Comparable {
    case error
    case warning

    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// One problem found in a handbook, located at the node that causes it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var severity: Severity
    public var message: String
    /// A stable identifier of the rule that found the problem, e.g. `unknown-key`.
    public var rule: String
    /// A likely fix ("did you mean 'role'?"), when one is known.
    public var suggestion: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation, rule: String, suggestion: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.rule = rule
        self.suggestion = suggestion
    }

    /// `path:line:column: error: message; did you mean 'x'? [rule]`
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let suggestion { text += "; did you mean '\(suggestion)'?" }
        return text + " [\(rule)]"
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by path, line, column, then errors before warnings, then message — a stable order for output and tests.
    public func sortedForOutput() -> [Diagnostic] {
        sorted { a, b in
            if a.location != b.location { return a.location < b.location }
            if a.severity != b.severity { return a.severity < b.severity }
            return a.message < b.message
        }
    }

    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }
}
