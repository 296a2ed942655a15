/// `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`: names in a message, quoted as everywhere else in diagnostics.
/// Long lists stop after `limit` names ("… and 12 more"), so one message stays one readable line.
func quotedList(_ names: [String], limit: Int = 8) -> String {
    let quoted = names.prefix(limit).map { "'\($0)'" }
    if names.count > limit {
        return quoted.joined(separator: ", ") + " and \(names.count - limit) more"
    }
    guard let last = quoted.last else { return "" }
    return quoted.count == 1 ? last : quoted.dropLast().joined(separator: ", ") + " and " + last
}
