import Foundation

extension Wording {
    /// The runner's and the board's words for one language as a classic script (`assets/words-<language>.js`):
    /// flattened keys become nested objects again, and keys counting from 0 become lists (`csv.0` → `csv: [...]`).
    static func runnerScript(_ language: String) -> Data {
        let table = table(language)
        let language = table.language
        // JSONEncoder (FoundationEssentials) sorts keys by their characters; JSONSerialization sorted them under
        // the system's locale, which read ICU's collation data into every full build (0.86 MB of it
        // at its exit).
        func json(_ words: [String: String]) -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return (try? encoder.encode(nest(words))) ?? Data("{}".utf8)
        }
        var script = Data("/* Rex step runner and board — words (\(language)), written by rex from its wording tables. */\n".utf8)
        script += Data("(function (Rex) {\n  \"use strict\";\n  Rex.words = Rex.words || {};\n  Rex.boardWords = Rex.boardWords || {};\n".utf8)
        script += Data("  Rex.words[\"\(language)\"] = ".utf8) + json(table.runner) + Data(";\n".utf8)
        script += Data("  Rex.boardWords[\"\(language)\"] = ".utf8) + json(table.board) + Data(";\n".utf8)
        return script + Data("})(this.Rex = this.Rex || {});\n".utf8)
    }

    /// A word, a list of words, or a group of them by name, as the scripts read them.
    private enum Words: Encodable {
        case word(String)
        case list([String])
        case group([String: Words])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .word(let word): try container.encode(word)
            case .list(let words): try container.encode(words)
            case .group(let group): try container.encode(group)
            }
        }
    }

    private static func nest(_ flat: [String: String]) -> Words {
        var groups: [String: [String: String]] = [:]
        var leaves: [String: Words] = [:]
        for (key, word) in flat {
            if let dot = key.firstIndex(of: ".") {
                groups[String(key[..<dot]), default: [:]][String(key[key.index(after: dot)...])] = word
            } else {
                leaves[key] = .word(word)
            }
        }
        for (name, members) in groups {
            let indices = members.keys.compactMap(Int.init)
            if indices.count == members.count, Set(indices) == Set(0..<members.count) {
                leaves[name] = .list((0..<members.count).map { members[String($0)]! })
            } else {
                leaves[name] = nest(members)
            }
        }
        return .group(leaves)
    }
}
