/// Translations that never drift (`translation_of`). A Brussels department keeps the same procedure in French
/// and in Dutch; a team following one language must meet the same steps, gates, fields and flow as the other,
/// and a copy of either version must be the same version. Every difference is an error naming both files.
struct TranslationRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        let procedures = context.handbook.procedures
        let byID = Dictionary(procedures.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [Diagnostic] = []
        var languagesTaken: [String: Procedure] = [:]
        for translation in procedures {
            guard let target = translation.translationOf else { continue }
            let id = translation.id.value
            guard let original = byID[target.value], target.value != id else {
                let message = target.value == id
                    ? "'\(id)' cannot be a translation of itself: name the procedure it translates"
                    : "'\(id)' is a translation of '\(target.value)', which is not a procedure of this handbook"
                found.append(.error(message, at: target.location, rule: "translation-target",
                                    suggestion: target.value == id ? nil : closestMatch(to: target.value, among: Array(byID.keys))))
                continue
            }
            if let further = original.translationOf {
                found.append(.error("'\(target.value)' is itself a translation (of '\(further.value)'): name the original, "
                                    + "translation_of: \(further.value)", at: target.location, rule: "translation-target",
                                    suggestion: further.value))
                continue
            }
            if original.language == translation.language {
                found.append(.error("'\(id)' and '\(target.value)' are both in '\(translation.language)': a translation is in "
                                    + "another language (language: fr, nl or en)", at: target.location, rule: "translation-target"))
                continue
            }
            let key = "\(target.value)/\(translation.language)"
            if let earlier = languagesTaken[key] {
                found.append(.error("'\(target.value)' already has a translation in '\(translation.language)': '\(earlier.id.value)' "
                                    + "(\(earlier.path))", at: target.location, rule: "translation-target"))
                continue
            }
            languagesTaken[key] = translation
            found += drift(translation, from: original)
        }
        return found
    }

    /// Each part whose shape differs, is missing or is extra; and a version that moved on one side only.
    private func drift(_ translation: Procedure, from original: Procedure) -> [Diagnostic] {
        let id = translation.id.value
        let originalID = original.id.value
        var found: [Diagnostic] = []
        if translation.version != original.version {
            found.append(.error("'\(id)' is version \(translation.version) but '\(originalID)' (\(original.versionLocation)) is "
                                + "version \(original.version): a translation and its original change together; bring the "
                                + "other one to the same version", at: translation.versionLocation, rule: "translation-version"))
        }
        let ours = ProcedureShape(translation).parts
        let theirs = ProcedureShape(original).parts
        let theirsByName = Dictionary(theirs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let ourNames = Set(ours.map(\.name))
        let advice = "a translation keeps the same sections, steps, fields, logs, choices and gates as its original"
        for part in ours {
            guard let other = theirsByName[part.name] else {
                found.append(.error("\(part.name) is not in '\(originalID)' (\(original.path)): \(advice)",
                                    at: part.location, rule: "translation-drift"))
                continue
            }
            if other.shape != part.shape {
                found.append(.error("\(part.name) differs from '\(originalID)' (\(other.location)): here \(part.shape); "
                                    + "there \(other.shape); \(advice)", at: part.location, rule: "translation-drift"))
            }
        }
        for part in theirs where !ourNames.contains(part.name) {
            found.append(.error("\(part.name) of '\(originalID)' (\(part.location)) is missing here: \(advice)",
                                at: translation.translationOf?.location ?? translation.id.location, rule: "translation-drift"))
        }
        return found
    }
}
