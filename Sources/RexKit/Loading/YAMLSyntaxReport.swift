import Yams

/// Turns a YAML parser error into a located diagnostic that says what to fix, at the place to fix it.
struct YAMLSyntaxReport {
    let text: String
    let file: SourceFile

    func report(_ error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            reportSyntax(problem: problem, at: mark, context: context)
        case .duplicatedKeysInMapping(let duplicates, let context):
            reportDuplicate(duplicates, firstAt: context.mark)
        case .reader(let problem, _, _, _):
            file.error("YAML reader: \(problem)", at: file.location(nil), rule: "yaml-syntax")
        default:
            file.error("cannot read YAML: \(error)", at: file.location(nil), rule: "yaml-syntax")
        }
    }

    private var lines: [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    private func reportSyntax(problem: String, at mark: Mark, context: YamlError.Context?) {
        if character(at: mark) == "\t" {
            file.error("YAML syntax: a tab character cannot indent YAML; indent with spaces",
                       at: file.location(mark), rule: "yaml-syntax")
            return
        }
        var message = "YAML syntax: \(problem)"
        var location = file.location(mark)
        if let context {
            message += " \(context.text)"
            // At the end of the file the parser's position says nothing: point where the unclosed thing began.
            if isAtEnd(mark) { location = file.location(context.mark) }
        }
        file.error(message, at: location, rule: "yaml-syntax")
    }

    /// Yams gives the first occurrence; the mistake to fix is usually the repeat, so point there.
    private func reportDuplicate(_ keys: [String], firstAt first: Mark) {
        let names = keys.map { "'\($0)'" }.joined(separator: ", ")
        let repeated = keys.first.flatMap { repeatedKey($0, after: first) }
        let location = repeated.map { file.location(line: $0.line, column: $0.column) }
            ?? file.location(first)
        file.error("key \(names) appears more than once in the same mapping (first at line \(first.line))",
                   at: location, rule: "duplicate-key")
    }

    /// The next line that writes `key:` at the same column as the first, before the mapping ends.
    private func repeatedKey(_ key: String, after first: Mark) -> (line: Int, column: Int)? {
        let lines = self.lines
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let column = first.column - 1
        for index in first.line..<lines.count {
            let line = lines[index]
            let indentation = line.prefix { $0 == " " || $0 == "-" }.count
            let content = line.dropFirst(indentation)
            if content.isEmpty || content.hasPrefix("#") { continue }
            if indentation < column { return nil }
            guard indentation == column else { continue }
            for spelling in [key, "\"\(key)\"", "'\(key)'"] where content.hasPrefix(spelling + ":") {
                return (index + 1, column + 1)
            }
        }
        return nil
    }

    private func character(at mark: Mark) -> Character? {
        let lines = self.lines
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let line = lines[mark.line - 1].unicodeScalars
        guard mark.column >= 1, mark.column <= line.count else { return nil }
        return Character(line[line.index(line.startIndex, offsetBy: mark.column - 1)])
    }

    private func isAtEnd(_ mark: Mark) -> Bool {
        let lines = self.lines
        return mark.line > lines.count || (mark.line == lines.count && lines[mark.line - 1].isEmpty)
    }
}
