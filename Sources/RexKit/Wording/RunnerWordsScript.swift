import Foundation

extension Wording {
    /// The runner's words for one language as a classic script (`assets/words-<language>.js`): flattened keys
    /// become nested objects again, and keys counting from 0 become lists (`csv.0`, `csv.1` → `csv: [...]`).
    static func runnerScript(_ language: String) -> Data {
        let table = table(language)
        let json = (try? JSONSerialization.data(withJSONObject: nest(table.runner), options: [.sortedKeys])) ?? Data("{}".utf8)
        let language = table.language
        var script = "/* Rex step runner — words (\(language)), written by rex from its wording tables. */\n"
        script += "(function (Rex) {\n  \"use strict\";\n  Rex.words = Rex.words || {};\n  Rex.words[\"\(language)\"] = "
        return Data(script.utf8) + json + Data(";\n})(this.Rex = this.Rex || {});\n".utf8)
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
