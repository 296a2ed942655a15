/// Helpers shared by the scaffolds' texts.

/// Lines up the trailing `  # comment` of every line in one column, so a scaffold reads as a table of
/// keys and explanations; a line too long for the column keeps two spaces before its comment.
func aligned(_ text: String, column: Int = 40) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        guard !line.trimmingPrefix(while: { $0 == " " }).hasPrefix("#"),
              let range = line.firstRange(of: "  # ") else { return String(line) }
        let code = line[..<range.lowerBound].trimmingSuffix()
        let comment = line[range.upperBound...]
        let padding = max(2, column - code.count)
        return code + String(repeating: " ", count: padding) + "# " + comment
    }.joined(separator: "\n")
}

/// `a | b | c`: the values of an enumeration as the format accepts them, from the same `allCases` as the loader.
func choices<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> String where E.RawValue == String {
    type.allCases.map(\.rawValue).joined(separator: " | ")
}

private extension Substring {
    func trimmingSuffix() -> String {
        var text = self
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}

extension LocalDate {
    /// The same day `years` later (28 February for a 29 February that does not exist then).
    func addingYears(_ years: Int) -> LocalDate {
        LocalDate(year: year + years, month: month, day: day) ?? LocalDate(year: year + years, month: month, day: 28)!
    }
}
