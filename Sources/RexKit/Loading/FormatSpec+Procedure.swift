/// `procedures/ID.yml`: a procedure and the mappings inside it.
extension FormatSpec {
    static let procedure = MappingSpec(name: "procedure", title: "A Rex procedure (procedures/ID.yml)", keys: [
        KeySpec("id", .identifier, required: true, "The procedure's id: equals the file name without .yml."),
        KeySpec("title", .text, required: true, "The title, as printed on every page."),
        KeySpec("kind", .cases(of: ProcedureKind.self), required: true,
                "emergency, downtime, restore or routine; the index and the binder group by kind."),
        KeySpec("language", .cases(of: Language.self), "Language of the document: every fixed word of its page, paper and runner (fr, nl or en); default: rex.yml's language."),
        KeySpec("translation_of", .identifier,
                "The id of the procedure this one translates: same sections, steps, fields, logs, flow and version."),
        KeySpec("version", .integer(minimum: 1, maximum: nil), required: true,
                "Version number (1 or more), printed on every copy."),
        KeySpec("status", .cases(of: DocumentStatus.self), required: true,
                "draft, approved or retired; approved needs approved_by and effective."),
        KeySpec("owner", .text, required: true, "Who maintains the procedure."),
        KeySpec("approved_by", .text, "Who approved this version (required when status is approved)."),
        KeySpec("effective", .date, "Date this version takes effect, YYYY-MM-DD (required when approved)."),
        KeySpec("review_by", .date, "Date of the next review, YYYY-MM-DD; a past date is flagged as overdue."),
        KeySpec("when", .markdown, required: true, "The condition statement: when to use this procedure (Markdown)."),
        KeySpec("objective", .markdown, "What must be true at the end (Markdown)."),
        KeySpec("roles", .map(.text), "Roles by id (ict: Service ICT de garde); every step's role is declared here."),
        KeySpec("contacts", .list(.mapping(contact)), "Whom to call, by role."),
        KeySpec("incidents", .list(.identifier), "Ids of the REX records (incidents/ID.yml) this procedure answers."),
        KeySpec("logs", .map(.mapping(log)), "Downtime logs by id: rows written by hand, re-entered and verified after."),
        KeySpec("closing", .cases(of: ClosingScope.self),
                "run (default: each run closes on its own) or department (every unit's run, closed on the reconciliation board)."),
        KeySpec("sections", .nonEmptyList(.mapping(section)), required: true, "The steps, in titled sections (at least one)."),
    ])

    static let contact = MappingSpec(name: "contact", title: "Someone to call", keys: [
        KeySpec("role", .localIdentifier, "The role this contact serves (an id of roles)."),
        KeySpec("name", .text, required: true, "Name or service."),
        KeySpec("phone", .text, "Phone number; quote it (\"+32 2 000 00 00\")."),
        KeySpec("note", .text, "Anything else worth knowing (hours, extension)."),
    ])

    static let log = MappingSpec(name: "log", title: "A downtime log", keys: [
        KeySpec("title", .text, required: true, "What the rows record."),
        KeySpec("columns", .list(.mapping(field)), required: true, "Columns written during the outage."),
        KeySpec("reconcile", .list(.mapping(field)),
                "Columns filled after the restore, per row (re-entered by, verified by)."),
        KeySpec("paper_rows", .integer(minimum: 1, maximum: 200), "Empty rows printed on the paper log (default 15)."),
    ])

    static let section = MappingSpec(name: "section", title: "A titled group of steps", keys: [
        KeySpec("title", .text, required: true, "The section's title."),
        KeySpec("mode", .cases(of: SectionMode.self),
                "read-do (read each step, then do it; the default) or do-confirm (do, then confirm with the list)."),
        KeySpec("steps", .nonEmptyList(.mapping(step)), required: true, "The steps, in order (at least one)."),
    ])

    static let step = MappingSpec(name: "step", title: "A step: an action (do) or a decision (ask + choices)", keys: [
        KeySpec("id", .localIdentifier, required: true, "The step's id, unique in the procedure."),
        KeySpec("role", .localIdentifier, "Who does it (an id of roles)."),
        KeySpec("do", .markdown, "The action (Markdown)."),
        KeySpec("expect", .text, "The expected response of a challenge-response item (CONFIRMÉ)."),
        KeySpec("ask", .markdown, "The question of a decision (Markdown); needs choices."),
        KeySpec("choices", .list(.mapping(choice)), "The answers of a decision (at least two), each with a goto."),
        KeySpec("goto", .localIdentifier, "Where to go after this step: a step id, or end."),
        KeySpec("record", .list(.mapping(field)), "Values recorded at this step."),
        KeySpec("log", .localIdentifier, "The downtime log this step writes rows into (an id of logs)."),
        KeySpec("double_check", .boolean, "A second person confirms with different initials (default false)."),
        KeySpec("requires_reconciled", .localIdentifier,
                "A log every row of which must be re-entered and verified before this step is done."),
        KeySpec("warning", .markdown, "Harm to people, shown before the step (Markdown)."),
        KeySpec("caution", .markdown, "Harm to equipment or data, shown before the step (Markdown)."),
        KeySpec("note", .markdown, "Emphasis, shown before the step (Markdown)."),
        KeySpec("because", .list(.identifier), "Ids of the REX records that explain why this step exists."),
    ])

    static let choice = MappingSpec(name: "choice", title: "One answer of a decision", keys: [
        KeySpec("answer", .text, required: true, "The answer as printed (Oui, Non…)."),
        KeySpec("goto", .localIdentifier, required: true, "Where this answer leads: a step id, or end."),
    ])

    static let field = MappingSpec(name: "field", title: "A recorded value, or a column of a log", keys: [
        KeySpec("id", .localIdentifier, required: true, "The field's id (db_backup_at)."),
        KeySpec("label", .text, required: true, "The label printed next to the blank."),
        KeySpec("type", .cases(of: FieldType.self), required: true,
                "The kind of value; patient names the patient of a log row (a log's columns only, one per log)."),
        KeySpec("required", .boolean, "Whether a value is needed to complete the step (default true)."),
        KeySpec("must_match", .localIdentifier, "An earlier field of the same type this value must equal."),
        KeySpec("tolerance", .tolerance,
                "How far the value may differ from its must_match and still match: a number (0.5) for number "
                + "fields, a duration (30 s, 5 min, 2 h, 1 d) for date, time and datetime fields."),
        KeySpec("distinct_from", .localIdentifier, "Initials this value must differ from (initials fields only)."),
        KeySpec("min", .number, "Smallest allowed value (number fields)."),
        KeySpec("max", .number, "Largest allowed value (number fields)."),
        KeySpec("options", .list(.text), "The answers of a choice field."),
        KeySpec("unit", .text, "Unit printed after a number (Gy, UM)."),
        KeySpec("counter", .boolean,
                "true on the number column of a log holding the patient's fraction counter: each row is the "
                + "patient's previous row + 1 (a log's columns only, one per log, needs a patient column)."),
    ])
}
