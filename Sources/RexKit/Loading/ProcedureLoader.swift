/// A procedure file's node tree → `Procedure`, reporting every problem of the file.
struct ProcedureLoader {
    let file: SourceFile
    let settings: HandbookSettings

    func load(_ root: YAMLNode, fileID: String, source: SourceDigest) -> Procedure? {
        guard let map = MappingReader(root, file: file, what: "a procedure",
                                      allowedKeys: FormatSpec.procedure.keyNames) else {
            return nil
        }
        let id = map.identifier("id", required: true)
        if let id, id.value != fileID {
            file.error("id '\(id.value)' differs from the file name '\(fileID).yml'", at: id.location,
                       rule: "id-file-mismatch")
        }
        let title = map.text("title", required: true)
        let kind = map.enumeration("kind", ProcedureKind.self, required: true)
        let version = map.integer("version", required: true)
        if let version, version.value < 1 {
            file.error("'version' must be 1 or more, found \(version.value)", at: version.location, rule: "wrong-type")
        }
        let status = map.enumeration("status", DocumentStatus.self, required: true)
        let owner = map.text("owner", required: true)
        let when = map.text("when", required: true)
        let sectionNodes = map.list("sections", required: true)

        let procedure = Procedure(
            id: id ?? Located(fileID, at: map.location),
            title: title ?? fileID,
            kind: kind?.value ?? .routine,
            language: map.enumeration("language", Language.self)?.value.rawValue ?? settings.language,
            version: version?.value ?? 1,
            versionLocation: version?.location ?? map.location,
            translationOf: map.identifier("translation_of"),
            status: status ?? Located(.draft, at: map.location),
            owner: owner ?? "",
            approvedBy: map.text("approved_by"),
            effective: map.date("effective"),
            reviewBy: map.date("review_by"),
            when: when ?? "",
            objective: map.text("objective"),
            roles: map.pairs("roles").compactMap { key, value in
                guard let id = map.checkedIdentifier(key, local: true), let title = map.scalarText(value) else { return nil }
                return Role(id: id, title: title.value)
            },
            contacts: map.list("contacts").compactMap(contact),
            incidents: map.identifiers("incidents"),
            logs: map.pairs("logs").compactMap { key, value in
                map.checkedIdentifier(key, local: true).flatMap { log(id: $0, node: value) }
            },
            sections: sectionNodes.compactMap(section),
            closing: map.enumeration("closing", ClosingScope.self),
            revision: source.revision,
            digest: source.digest,
            path: file.path
        )
        if sectionNodes.isEmpty, case .sequence? = map.node("sections")?.content {
            file.error("a procedure needs at least one section with steps", at: map.location(of: "sections"),
                       rule: "missing-key")
        }
        let complete = id != nil && title != nil && kind != nil && version != nil && status != nil
            && owner != nil && when != nil
        return complete ? procedure : nil
    }

    private func contact(_ node: YAMLNode) -> Contact? {
        guard let map = MappingReader(node, file: file, what: "a contact",
                                      allowedKeys: FormatSpec.contact.keyNames) else { return nil }
        guard let name = map.text("name", required: true) else { return nil }
        return Contact(role: map.localIdentifier("role"), name: name, phone: map.text("phone"), note: map.text("note"),
                       location: map.location)
    }

    private func log(id: Located<String>, node: YAMLNode) -> DowntimeLog? {
        guard let map = MappingReader(node, file: file, what: "a downtime log",
                                      allowedKeys: FormatSpec.log.keyNames) else { return nil }
        let columns = map.list("columns", required: true).compactMap { field($0, logColumn: true) }
        let paperRows = map.integer("paper_rows")
        if let paperRows, !(1...200).contains(paperRows.value) {
            file.error("'paper_rows' must be between 1 and 200, found \(paperRows.value)", at: paperRows.location,
                       rule: "invalid-value")
        }
        return DowntimeLog(id: id, title: map.text("title", required: true) ?? id.value, columns: columns,
                           reconcile: map.list("reconcile").compactMap { field($0) }, paperRows: paperRows?.value ?? 15)
    }

    private func section(_ node: YAMLNode) -> Section? {
        guard let map = MappingReader(node, file: file, what: "a section",
                                      allowedKeys: FormatSpec.section.keyNames) else { return nil }
        let steps = map.list("steps", required: true)
        if steps.isEmpty, case .sequence? = map.node("steps")?.content {
            file.error("a section needs at least one step", at: map.location(of: "steps"), rule: "missing-key")
        }
        return Section(title: map.text("title", required: true) ?? "",
                       mode: map.enumeration("mode", SectionMode.self, default: .readDo)?.value ?? .readDo,
                       steps: steps.compactMap(step), location: map.location)
    }

    private func step(_ node: YAMLNode) -> Step? {
        guard let map = MappingReader(node, file: file, what: "a step",
                                      allowedKeys: FormatSpec.step.keyNames) else { return nil }
        // Read every key before giving up on a step without id, so all its problems are reported.
        let id = map.localIdentifier("id", required: true)
        let step = Step(Step.Fields(
            id: id ?? Located("", at: map.location),
            role: map.localIdentifier("role"),
            action: map.text("do"),
            expect: map.text("expect"),
            question: map.text("ask"),
            choices: map.list("choices").compactMap(choice),
            goto: target(map, "goto"),
            record: map.list("record").compactMap { field($0) },
            log: map.localIdentifier("log"),
            doubleCheck: map.boolean("double_check", default: false),
            requiresReconciled: map.localIdentifier("requires_reconciled"),
            warning: map.text("warning"),
            caution: map.text("caution"),
            note: map.text("note"),
            because: map.identifiers("because"),
            location: map.location
        ))
        return id == nil ? nil : step
    }

    private func choice(_ node: YAMLNode) -> Choice? {
        guard let map = MappingReader(node, file: file, what: "a choice",
                                      allowedKeys: FormatSpec.choice.keyNames) else { return nil }
        guard let answer = map.text("answer", required: true) else { return nil }
        return Choice(answer: answer, goto: target(map, "goto", required: true), location: map.location)
    }

    private func target(_ map: MappingReader, _ key: String, required: Bool = false) -> Located<StepTarget>? {
        map.localIdentifier(key, required: required).map { Located(StepTarget($0.value), at: $0.location) }
    }

    /// A step's field, a log's `reconcile` column, or (`logColumn`) a log's column: only these name the patient.
    private func field(_ node: YAMLNode, logColumn: Bool = false) -> Field? {
        guard let map = MappingReader(node, file: file, what: "a field",
                                      allowedKeys: FormatSpec.field.keyNames) else { return nil }
        let id = map.localIdentifier("id", required: true)
        let label = map.text("label", required: true)
        let type = map.enumeration("type", FieldType.self, required: true,
                                   listing: logColumn ? nil : FieldType.allCases.filter { $0 != .patient })
        var options: Located<[String]>?
        if map.has("options") {
            options = Located(map.strings("options").map(\.value), at: map.location(of: "options"))
        }
        let required = map.boolean("required", default: true)
        let mustMatch = map.localIdentifier("must_match"), tolerance = map.tolerance("tolerance")
        let distinctFrom = map.localIdentifier("distinct_from")
        let min = map.number("min"), max = map.number("max"), unit = map.text("unit")
        let counter = map.locatedBoolean("counter")
        guard let id, let label, let type else { return nil }
        return Field(id: id, label: label, type: type, required: required, mustMatch: mustMatch, tolerance: tolerance,
                     distinctFrom: distinctFrom, min: min, max: max, options: options, unit: unit, counter: counter,
                     location: map.location)
    }
}
