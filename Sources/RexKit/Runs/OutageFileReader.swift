import Foundation

/// What `rex reconcile` is given: exported runs and reconciliation-board exports, told apart by their `format`.
/// Each file is bounded before a byte is parsed (a run 4 MiB, as the runner's import; a board, which carries every
/// run of the outage, 32 MiB), must be UTF-8 JSON nested at most 32 levels, and is checked whole against its
/// format. Every problem is a located diagnostic naming the file and, inside it, the event's `seq` and field.
public enum OutageFileReader {
    /// A board holds every run of an outage: a few units' runs, each at most `RunLimits.fileBytes`.
    public static let boardBytes = 32 * 1024 * 1024

    public static func read(_ paths: [String], display: (String) -> String = { $0 })
        -> (runs: [Run], boards: [Board], diagnostics: [Diagnostic]) {
        var runs: [Run] = [], boards: [Board] = [], diagnostics: [Diagnostic] = []
        for path in paths {
            let problems = RunProblems(path: display(path))
            switch read(path, problems: problems) {
            case .run(let run)?: runs.append(run)
            case .board(let board)?: boards.append(board)
            case nil: break
            }
            diagnostics += problems.diagnostics
        }
        return (runs, boards, diagnostics)
    }

    enum File { case run(Run), board(Board) }

    static func read(_ path: String, problems: RunProblems) -> File? {
        let data: Data
        switch BoundedFileReader.read(path, limit: boardBytes) {
        case .failure(.tooLarge(let bytes)):
            problems.error("file is \(bytes) bytes; a board export may hold at most \(boardBytes) bytes (32 MiB), "
                           + "an exported run \(RunLimits.fileBytes) (4 MiB)", line: 1, column: 1, rule: "file-too-large")
            return nil
        case .failure(let problem):
            problems.error(problem.message, line: 1, column: 1, rule: problem.rule)
            return nil
        case .success(let bytes):
            data = bytes
        }
        let bytes = [UInt8](data)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            problems.error("file is not valid UTF-8 text", line: 1, column: 1, rule: "not-utf8")
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
        guard let top = root.members, case .string(let format)? = top["format"]?.node.value else {
            problems.error("expected an exported run (\"format\": \"rex-run\") or a board export (\"format\": \"rex-board\"), "
                           + "found \(root.members == nil ? root.described : "an object without a 'format' text")", at: root)
            return nil
        }
        switch format {
        case "rex-board":
            return BoardDecoder(problems: problems).decode(root, top: top).map(File.board)
        case "rex-run":
            guard bytes.count <= RunLimits.fileBytes else {
                problems.error("file is \(bytes.count) bytes; an exported run may hold at most \(RunLimits.fileBytes) bytes "
                               + "(4 MiB)", line: 1, column: 1, rule: "file-too-large")
                return nil
            }
            return RunDecoder(problems: problems).decode(root).map(File.run)
        default:
            problems.error("'format' must be \"rex-run\" (an exported run) or \"rex-board\" (a board export), found "
                           + "\"\(format.prefix(40))\"", at: top["format"]!.node)
            return nil
        }
    }
}
