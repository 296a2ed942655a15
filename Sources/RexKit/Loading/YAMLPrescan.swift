import Foundation
// libyaml itself, as built by Yams (Yams's own target, so the same parser and the same version): its
// event parser keeps explicit stacks instead of recursing, so it can measure hostile input safely before
// Yams composes nodes (which recurses once per level and hashes every mapping key in full).
internal import CYaml

/// What a pass over libyaml's events finds that composing the file must not meet.
enum YAMLHazard: Equatable {
    /// Collections nested deeper than `LoadLimits.maxNesting`, at the first collection too deep.
    case tooDeep(line: Int, column: Int)
    /// An anchor (`&name`) or an alias (`*name`): handbooks never need them, and an alias of an alias of…
    /// ("billion laughs") expands exponentially wherever the tree is walked or a key is hashed.
    case anchor(name: String, isAlias: Bool, line: Int, column: Int)
}

/// One linear pass over the parser's events, in bounded memory, before any node is built.
enum YAMLPrescan {
    /// The first hazard in `bytes` (UTF-8), or nil. A syntax error stops the pass silently: composing
    /// reports it with its position, and recurses no deeper than this pass has checked up to there.
    static func hazard(in bytes: Data) -> YAMLHazard? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        return bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> YAMLHazard? in
            yaml_parser_set_input_string(&parser, buffer.bindMemory(to: UInt8.self).baseAddress, buffer.count)
            return events(of: &parser)
        }
    }

    private static func events(of parser: inout yaml_parser_t) -> YAMLHazard? {
        var depth = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                // libyaml's own guard (1 000 levels) trips while its scanner looks ahead over a long run
                // of `[`, before the events that would cross our limit: the same problem, the same report.
                let problem = parser.problem.map { String(cString: $0) } ?? ""
                if problem.hasPrefix("Maximum nesting level") {
                    return .tooDeep(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
                }
                return nil
            }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
            var anchor: UnsafeMutablePointer<yaml_char_t>?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_ALIAS_EVENT:
                return .anchor(name: name(event.data.alias.anchor), isAlias: true, line: line, column: column)
            case YAML_SCALAR_EVENT:
                anchor = event.data.scalar.anchor
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                depth += 1
                if depth > LoadLimits.maxNesting { return .tooDeep(line: line, column: column) }
                anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor
                                                                 : event.data.mapping_start.anchor
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                depth -= 1
            default:
                break
            }
            if let anchor {
                return .anchor(name: name(anchor), isAlias: false, line: line, column: column)
            }
        }
    }

    private static func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String {
        guard let pointer else { return "" }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }
}
