import Foundation

extension Array where Element == Diagnostic {
    /// The diagnostics as a JSON array for editors and CI (`rex validate --format json`): one object per
    /// problem with `column`, `line`, `message`, `path`, `rule`, `severity` and `suggestion` (`null` when
    /// there is none), keys sorted so the output is stable, and `[]` when there is nothing to report.
    public func jsonText() -> String {
        // Pretty-printing an empty array differs between Foundation versions; write it plainly.
        guard !isEmpty else { return "[]" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Only strings and integers are encoded, which cannot fail.
        let data = (try? encoder.encode(map(DiagnosticRecord.init))) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// One diagnostic as a JSON object. Written by hand because synthesized `Codable` omits a nil
/// `suggestion`, and readers should find every key in every object.
private struct DiagnosticRecord: Encodable {
    let diagnostic: Diagnostic

    init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }

    enum CodingKeys: String, CodingKey {
        case path, line, column, severity, rule, message, suggestion
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(diagnostic.location.path, forKey: .path)
        try container.encode(diagnostic.location.line, forKey: .line)
        try container.encode(diagnostic.location.column, forKey: .column)
        try container.encode(diagnostic.severity.rawValue, forKey: .severity)
        try container.encode(diagnostic.rule, forKey: .rule)
        try container.encode(diagnostic.message, forKey: .message)
        if let suggestion = diagnostic.suggestion {
            try container.encode(suggestion, forKey: .suggestion)
        } else {
            try container.encodeNil(forKey: .suggestion)
        }
    }
}
