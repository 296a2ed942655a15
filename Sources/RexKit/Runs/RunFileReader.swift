import Foundation

/// Exported run files → `Run`s, each problem a located diagnostic naming the file (and, inside it, the event's
/// `seq` and field). The size is checked on the opened file before a byte is parsed; bytes that are not UTF-8,
/// JSON that does not parse or nests too deep, and anything that is not the run format are refused.
public enum RunFileReader {
    /// Reads every file; `display` turns a path into the name shown in diagnostics (default: as given).
    public static func read(_ paths: [String], display: (String) -> String = { $0 }) -> (runs: [Run], diagnostics: [Diagnostic]) {
        var runs: [Run] = [], diagnostics: [Diagnostic] = []
        for path in paths {
            let (run, found) = read(path, shownAs: display(path))
            if let run { runs.append(run) }
            diagnostics += found
        }
        return (runs, diagnostics)
    }

    static func read(_ path: String, shownAs shown: String) -> (Run?, [Diagnostic]) {
        let problems = RunProblems(path: shown)
        switch BoundedFileReader.read(path, limit: RunLimits.fileBytes) {
        case .failure(.tooLarge(let bytes)):
            problems.error("file is \(bytes) bytes; an exported run may hold at most \(RunLimits.fileBytes) bytes (4 MiB)",
                           line: 1, column: 1, rule: "file-too-large")
            return (nil, problems.diagnostics)
        case .failure(let problem):
            problems.error(problem.message, line: 1, column: 1, rule: problem.rule)
            return (nil, problems.diagnostics)
        case .success(let data):
            return (decode(data, problems: problems), problems.diagnostics)
        }
    }

    /// Bytes (already bounded) → a run, or nil with the problems reported.
    static func decode(_ data: Data, problems: RunProblems) -> Run? {
        let bytes = [UInt8](data)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            let (line, column) = firstInvalidUTF8(bytes)
            problems.error("file is not valid UTF-8 text", line: line, column: column, rule: "not-utf8")
            return nil
        }
        let root: JSONNode
        do {
            root = try JSONReader.read(bytes)
        } catch {
            problems.error("JSON: \(error.message)", line: error.line, column: error.column,
                           rule: error.kind == .tooDeep ? "too-deep" : "json-syntax")
            return nil
        }
        return RunDecoder(problems: problems).decode(root)
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if scalar == "\u{FFFD}" { break }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
