/// A date or date-time that may be an estimate: written plainly (`2020-11-16T15:42`), or as a mapping that
/// says so (`{ at: 2020-11-18, approx: true }`). A REX states no time as a fact that its source does not give.
struct DatedValue {
    var at: Located<LocalDateTime>
    var approximate: Bool
}

extension MappingReader {
    func dated(_ key: String, required: Bool = false) -> DatedValue? {
        guard let node = node(key, required: required) else { return nil }
        switch node.content {
        case .scalar:
            return scalarText(node).flatMap { parseDateTime($0, allowTime: true) }
                .map { DatedValue(at: $0, approximate: false) }
        case .mapping:
            break
        default:
            file.error("'\(key)' must be a date (YYYY-MM-DD), a date and time (YYYY-MM-DDTHH:MM) or a mapping "
                       + "{ at: …, approx: true }, found \(describe(node))", at: file.location(node), rule: "wrong-type")
            return nil
        }
        guard let map = MappingReader(node, file: file, what: "a date ('\(key)')",
                                      allowedKeys: FormatSpec.dated.keyNames),
              let at = map.dateTime("at", required: true) else { return nil }
        return DatedValue(at: at, approximate: map.boolean("approx", default: false))
    }
}
