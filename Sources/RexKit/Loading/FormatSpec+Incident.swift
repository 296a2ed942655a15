/// `incidents/ID.yml`: a REX record and the mappings inside it.
extension FormatSpec {
    static let incident = MappingSpec(name: "incident", title: "A Rex REX incident record (incidents/ID.yml)", keys: [
        KeySpec("id", .identifier, required: true, "The record's id: equals the file name without .yml."),
        KeySpec("title", .text, required: true, "The title of the report."),
        KeySpec("language", .cases(of: Language.self), "Language of the document: every fixed word of its page, paper and runner (fr, nl or en); default: rex.yml's language."),
        KeySpec("origin", .cases(of: IncidentOrigin.self),
                "internal (the department's own event, the default) or external (another hospital's, from a publication)."),
        KeySpec("source", .text, "Where the record comes from (AFCN — REX 3 - 2020); an external record needs it."),
        KeySpec("quoted", .mapping(quoted), "External records: the source's words as published, never the department's."),
        KeySpec("event_class", .cases(of: EventClass.self), required: true, "The RO-ILS event class."),
        KeySpec("occurred", .dated(dated), required: true,
                "When it happened: YYYY-MM-DD, YYYY-MM-DDTHH:MM, or { at: …, approx: true } for an estimate."),
        KeySpec("detected", .dated(dated),
                "When it was detected: YYYY-MM-DD, YYYY-MM-DDTHH:MM, or { at: …, approx: true } for an estimate."),
        KeySpec("systems", .list(.text), "The systems involved."),
        KeySpec("patients_affected", .integer(minimum: 0, maximum: nil), "How many patients were affected."),
        KeySpec("severity", .mapping(severity), "A level on a severity scale."),
        KeySpec("status", .cases(of: IncidentStatus.self), required: true,
                "draft, analysis, actions-open or closed (closed needs every action done or cancelled)."),
        KeySpec("synopsis", .markdown, required: true, "The event in two or three sentences (Markdown)."),
        KeySpec("narrative", .markdown, "The story in order, facts only (Markdown)."),
        KeySpec("timeline", .list(.mapping(timelineEntry)), "Dated events, in order."),
        KeySpec("analysis", .markdown, "The department's own analysis of the event (Markdown)."),
        KeySpec("causes", .list(.mapping(cause)), "Causes and contributing factors, as the department analyses them."),
        KeySpec("actions", .list(.mapping(action)), "The department's own corrective actions."),
        KeySpec("recommendations", .markdown, "The department's recommendations (Markdown); a source's go in 'quoted'."),
        KeySpec("lessons", .markdown, "What the department learned (Markdown)."),
        KeySpec("followed", .list(.identifier), "The procedures followed during the event ([rv-downtime])."),
    ])

    static let quoted = MappingSpec(name: "quoted", title: "What the source published, word for word", keys: [
        KeySpec("narrative", .markdown, "The source's account of the event, as published (Markdown)."),
        KeySpec("actions", .list(.markdown), "The corrective actions the source reports (the other hospital's), as published."),
        KeySpec("recommendations", .markdown, "The source's recommendations, as published (Markdown)."),
    ])

    static let dated = MappingSpec(name: "dated", title: "A date or date-time, possibly an estimate", keys: [
        KeySpec("at", .dateTime, required: true, "YYYY-MM-DD or YYYY-MM-DDTHH:MM."),
        KeySpec("approx", .boolean, "The date or time is an estimate (default false)."),
    ])


    static let severity = MappingSpec(name: "severity", title: "A level on a severity scale", keys: [
        KeySpec("scale", .identifier, required: true, "The scale's id: asn-sfro, or one declared in rex.yml."),
        KeySpec("level", .text, required: true, "A level of that scale; quote it (\"2+\")."),
        KeySpec("provisional", .boolean, "The level is not final yet (default false)."),
        KeySpec("rated_by", .cases(of: SeverityRater.self),
                "department (its own estimate, the default) or source (the level the source published)."),
        KeySpec("note", .markdown, "Why this level (Markdown)."),
    ])

    static let timelineEntry = MappingSpec(name: "timeline-entry", title: "A dated event", keys: [
        KeySpec("at", .dateTime, required: true, "YYYY-MM-DD or YYYY-MM-DDTHH:MM."),
        KeySpec("event", .markdown, required: true, "What happened (Markdown)."),
        KeySpec("approx", .boolean, "The time is an estimate (default false)."),
    ])

    static let cause = MappingSpec(name: "cause", title: "A contributing cause", keys: [
        KeySpec("category", .cases(of: CauseCategory.self), required: true, "The kind of cause."),
        KeySpec("text", .markdown, required: true, "The cause (Markdown)."),
        KeySpec("contributing", .boolean, "A contributing factor rather than a cause (default false)."),
    ])

    static let action = MappingSpec(name: "action", title: "A corrective action", keys: [
        KeySpec("text", .markdown, required: true, "The action (Markdown)."),
        KeySpec("owner", .text, "Who carries it out."),
        KeySpec("due", .date, "Due date, YYYY-MM-DD."),
        KeySpec("status", .cases(of: ActionStatus.self), required: true, "planned, in-progress, done or cancelled."),
        KeySpec("procedure", .identifier, "The procedure this action created or changed (procedures/ID.yml)."),
    ])
}

/// `rex.yml`: the handbook's settings.
extension FormatSpec {
    static let settings = MappingSpec(name: "settings", title: "Rex handbook settings (rex.yml)", keys: [
        KeySpec("name", .text, required: true, "The handbook's name, on every page; it namespaces the runner's storage."),
        KeySpec("organisation", .text, "The department or organisation."),
        KeySpec("language", .cases(of: Language.self), "Language of the index, binder, search and shared pages, and default language of procedures and incidents (fr, nl or en); default fr."),
        KeySpec("time_zone", .text, "IANA time zone of every date (Europe/Brussels, the default)."),
        KeySpec("severity_scales", .list(.mapping(severityScale)), "Severity scales besides the built-in asn-sfro."),
        KeySpec("units", .list(.mapping(unit)),
                "The department's treatment units; a run records its unit and the reconciliation board accounts for each."),
    ])

    static let unit = MappingSpec(name: "unit", title: "A treatment unit", keys: [
        KeySpec("id", .identifier, required: true, "The unit's id, recorded on every run (linac-1)."),
        KeySpec("name", .text, required: true, "The unit's name as people say it (TrueBeam 1)."),
    ])

    static let severityScale = MappingSpec(name: "severity-scale", title: "A severity scale", keys: [
        KeySpec("id", .identifier, required: true, "The scale's id, used in an incident's severity.scale."),
        KeySpec("title", .text, "The scale's name as printed."),
        KeySpec("levels", .nonEmptyList(.text), required: true, "The levels, lowest first (quote them: \"1\", \"2+\")."),
    ])
}
