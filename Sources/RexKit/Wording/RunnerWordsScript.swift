import Foundation

extension Wording {
    /// The runner's and the board's words for one language as a classic script (`assets/words-<language>.js`):
    /// flattened keys become nested objects again, and keys counting from 0 become lists (`csv.0` → `csv: [...]`).
    static func runnerScript(_ language: String) -> Data {
        let table = table(language)
        let language = table.language
        func json(_ words: [String: String]) -> Data {
            (try? JSONSerialization.data(withJSONObject: nest(words), options: [.sortedKeys])) ?? Data("{}".utf8)
        }
        var script = Data("/* Rex step runner and board — words (\(language)), written by rex from its wording tables. */\n".utf8)
        script += Data("(function (Rex) {\n  \"use strict\";\n  Rex.words = Rex.words || {};\n  Rex.boardWords = Rex.boardWords || {};\n".utf8)
        script += Data("  Rex.words[\"\(language)\"] = ".utf8) + json(table.runner) + Data(";\n".utf8)
        script += Data("  Rex.boardWords[\"\(language)\"] = ".utf8) + json(table.board) + Data(";\n".utf8)
        return script + Data("})(this.Rex = this.Rex || {});\n".utf8)
    }

    private static func nest(_ flat: [String: String]) -> Any {
        var groups: [String: [String: String]] = [:]
        var leaves: [String: Any] = [:]
        for (key, word) in flat {
            if let dot = key.firstIndex(of: ".") {
                groups[String(key[..<dot]), default: [:]][String(key[key.index(after: dot)...])] = word
            } else {
                leaves[key] = word
            }
        }
        for (name, members) in groups {
            let indices = members.keys.compactMap(Int.init)
            if indices.count == members.count, Set(indices) == Set(0..<members.count) {
                leaves[name] = (0..<members.count).map { members[String($0)]! }
            } else {
                leaves[name] = nest(members)
            }
        }
        return leaves
    }
}
