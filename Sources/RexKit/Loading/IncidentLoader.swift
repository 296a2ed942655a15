/// An incident file's node tree → `Incident`, reporting every problem of the file.
struct IncidentLoader {
    let file: SourceFile
    let settings: HandbookSettings

    func load(_ root: YAMLNode, fileID: String, source: SourceDigest) -> Incident? {
        guard let map = MappingReader(root, file: file, what: "an incident record",
                                      allowedKeys: FormatSpec.incident.keyNames) else {
            return nil
        }
        let id = map.identifier("id", required: true)
        if let id, id.value != fileID {
            file.error("id '\(id.value)' differs from the file name '\(fileID).yml'", at: id.location,
                       rule: "id-file-mismatch")
        }
        let title = map.text("title", required: true)
        let eventClass = map.enumeration("event_class", EventClass.self, required: true)
        let occurred = map.dated("occurred", required: true)
        let detected = map.dated("detected")
        let status = map.enumeration("status", IncidentStatus.self, required: true)
        let synopsis = map.text("synopsis", required: true)
        let patients = map.integer("patients_affected")
        if let patients, patients.value < 0 {
            file.error("'patients_affected' cannot be negative", at: patients.location, rule: "invalid-value")
        }
        let incident = Incident(
            id: id ?? Located(fileID, at: map.location),
            title: title ?? fileID,
            language: map.enumeration("language", Language.self)?.value.rawValue ?? settings.language,
            origin: map.enumeration("origin", IncidentOrigin.self, default: .internal) ?? Located(.internal, at: map.location),
            source: map.text("source"),
            quoted: map.node("quoted").flatMap(quoted),
            eventClass: eventClass?.value ?? .operational,
            occurred: occurred?.at ?? Located(LocalDateTime(date: LocalDate(year: 2000, month: 1, day: 1)!), at: map.location),
            occurredApproximate: occurred?.approximate ?? false,
            detected: detected?.at,
            detectedApproximate: detected?.approximate ?? false,
            systems: map.strings("systems").map(\.value),
            patientsAffected: patients?.value,
            severity: map.node("severity").flatMap(severity),
            status: status ?? Located(.draft, at: map.location),
            synopsis: synopsis ?? "",
            narrative: map.text("narrative"),
            timeline: map.list("timeline").compactMap(timelineEntry),
            analysis: map.text("analysis"),
            causes: map.list("causes").compactMap(cause),
            actions: map.list("actions").compactMap(action),
            recommendations: map.text("recommendations"),
            lessons: map.text("lessons"),
            followed: map.identifiers("followed"),
            revision: source.revision,
            digest: source.digest,
            path: file.path
        )
        let complete = id != nil && title != nil && eventClass != nil && occurred != nil && status != nil
            && synopsis != nil
        return complete ? incident : nil
    }

    private func severity(_ node: YAMLNode) -> SeverityRating? {
        guard let map = MappingReader(node, file: file, what: "a severity",
                                      allowedKeys: FormatSpec.severity.keyNames) else { return nil }
        let scale = map.string("scale", required: true)
        let level = map.string("level", required: true)
        let provisional = map.boolean("provisional", default: false)
        let ratedBy = map.enumeration("rated_by", SeverityRater.self, default: .department)
        let note = map.text("note")
        guard let scale, let level else { return nil }
        return SeverityRating(scale: scale, level: level, provisional: provisional,
                              ratedBy: ratedBy?.value ?? .department, note: note)
    }

    private func quoted(_ node: YAMLNode) -> QuotedSource? {
        guard let map = MappingReader(node, file: file, what: "the quoted source",
                                      allowedKeys: FormatSpec.quoted.keyNames) else { return nil }
        return QuotedSource(narrative: map.text("narrative"), actions: map.strings("actions").map(\.value),
                            recommendations: map.text("recommendations"), location: map.location)
    }


    private func timelineEntry(_ node: YAMLNode) -> TimelineEntry? {
        guard let map = MappingReader(node, file: file, what: "a timeline entry",
                                      allowedKeys: FormatSpec.timelineEntry.keyNames) else {
            return nil
        }
        let at = map.dateTime("at", required: true)
        let event = map.text("event", required: true)
        let approximate = map.boolean("approx", default: false)
        guard let at, let event else { return nil }
        return TimelineEntry(at: at.value, event: event, approximate: approximate, location: at.location)
    }

    private func cause(_ node: YAMLNode) -> Cause? {
        guard let map = MappingReader(node, file: file, what: "a cause",
                                      allowedKeys: FormatSpec.cause.keyNames) else { return nil }
        let category = map.enumeration("category", CauseCategory.self, required: true)
        let text = map.text("text", required: true)
        let contributing = map.boolean("contributing", default: false)
        guard let category, let text else { return nil }
        return Cause(category: category.value, text: text, contributing: contributing)
    }

    private func action(_ node: YAMLNode) -> CorrectiveAction? {
        guard let map = MappingReader(node, file: file, what: "an action",
                                      allowedKeys: FormatSpec.action.keyNames) else { return nil }
        let text = map.text("text", required: true)
        let status = map.enumeration("status", ActionStatus.self, required: true)
        let owner = map.text("owner"), due = map.date("due"), procedure = map.identifier("procedure")
        guard let text, let status else { return nil }
        return CorrectiveAction(text: text, owner: owner, due: due, status: status.value,
                                procedure: procedure, location: map.location)
    }
}
