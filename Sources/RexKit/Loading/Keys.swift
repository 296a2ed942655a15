/// The keys each kind of mapping accepts: the file-format contract, in one place
/// (the loader rejects any other key; the README documents each).
enum Keys {
    static let settings = ["name", "organisation", "language", "time_zone", "severity_scales"]
    static let severityScale = ["id", "title", "levels"]

    static let procedure = [
        "id", "title", "kind", "language", "version", "status", "owner", "approved_by", "effective", "review_by",
        "when", "objective", "roles", "contacts", "incidents", "logs", "sections",
    ]
    static let contact = ["role", "name", "phone", "note"]
    static let log = ["title", "columns", "reconcile", "paper_rows"]
    static let section = ["title", "mode", "steps"]
    static let step = [
        "id", "role", "do", "expect", "ask", "choices", "goto", "record", "log", "double_check",
        "requires_reconciled", "warning", "caution", "note", "because",
    ]
    static let choice = ["answer", "goto"]
    static let field = ["id", "label", "type", "required", "must_match", "distinct_from", "min", "max", "options", "unit"]

    static let incident = [
        "id", "title", "language", "source", "event_class", "occurred", "detected", "systems", "patients_affected",
        "severity", "status", "synopsis", "narrative", "timeline", "causes", "actions", "recommendations", "lessons",
    ]
    static let severity = ["scale", "level", "provisional"]
    static let timelineEntry = ["at", "event", "approx"]
    static let cause = ["category", "text"]
    static let action = ["text", "owner", "due", "status", "procedure"]
}
