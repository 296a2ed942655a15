/// A procedure as every output shows it, built once per build and shared by its page, its checklist, its binder
/// chapter and its Markdown checklist: step numbers, where each step leads, the HTML of every Markdown text, the
/// labels of matched fields. Only what differs between outputs (the runner's model, links to language versions,
/// a chapter's page name) is added by the output's own document (`ProcedureDocument`).
final class ProcedureView: Sendable {
    let procedure: Procedure
    let language: String
    let numbering: StepNumbering
    /// The `t_*` words of the procedure's language.
    let words: [String: String]
    let whenHTML: String
    /// `when` without markup, for the search data.
    let whenText: String
    let objectiveHTML: String?
    let reviewOverdue: Bool
    let roles: [RoleView]
    let contacts: [ContactView]
    let incidents: [IncidentLinkView]
    let sections: [SectionView]
    let logs: [LogView]
    let units: [UnitView]
    /// The language versions of this procedure (itself included), in the order pages list them.
    let versions: [(id: String, language: String)]

    init(_ procedure: Procedure, in lookup: HandbookLookup, today: LocalDate) {
        self.procedure = procedure
        language = procedure.language
        let numbering = StepNumbering(procedure)
        self.numbering = numbering
        words = Labels.forLanguage(language)
        (whenHTML, whenText) = Markdown.htmlAndText(procedure.when)
        objectiveHTML = procedure.objective.map(Markdown.html)
        reviewOverdue = procedure.isReviewOverdue(on: today)
        let facts = ProcedureFacts(procedure, numbering: numbering, words: words)
        roles = procedure.roles.map { RoleView(id: $0.id.value, title: $0.title) }
        contacts = procedure.contacts.map { ContactView($0, role: $0.role.map { facts.roleTitle($0.value) } ?? "") }
        incidents = procedure.incidents.map { lookup.incidentLink($0.value) }
        sections = procedure.sections.enumerated().map { index, section in
            SectionView(number: index + 1, section: section, language: procedure.language,
                        steps: section.steps.map { StepView($0, facts: facts, lookup: lookup) }, words: facts.words)
        }
        logs = procedure.logs.map { LogView($0, facts: facts) }
        units = lookup.handbook.settings.units.map { UnitView(id: $0.id.value, name: $0.name) }
        versions = lookup.handbook.languageVersions(of: procedure).map { ($0.id.value, $0.language) }
    }

    /// Blank lines under the declared units on the department closing sheet (a console not listed, a second run).
    static let departmentExtraRows = 2
    static let departmentRows = (1...departmentExtraRows).map(DepartmentRowView.init)
}

/// What a procedure's outputs all derive from it: step numbers, where a jump leads, role and log titles, the label
/// of the field a `must_match` names. Kept in one place so the pages, the paper and the Markdown say the same.
struct ProcedureFacts: Sendable {
    let procedure: Procedure
    let numbering: StepNumbering
    let words: [String: String]
    private let roleTitles: [String: String]
    private let logTitles: [String: String]
    /// Field id → "Sauvegarde BD (2.1)", for every field a step records.
    private let matchedLabels: [String: String]

    init(_ procedure: Procedure, numbering: StepNumbering, words: [String: String]) {
        self.procedure = procedure
        self.numbering = numbering
        self.words = words
        var roles: [String: String] = [:], logs: [String: String] = [:], matched: [String: String] = [:]
        for role in procedure.roles where roles[role.id.value] == nil { roles[role.id.value] = role.title }
        for log in procedure.logs where logs[log.id.value] == nil { logs[log.id.value] = log.title }
        for step in procedure.allSteps {
            for field in step.record where matched[field.id.value] == nil {
                matched[field.id.value] = "\(field.label) (\(numbering.number(of: step.id.value)))"
            }
        }
        roleTitles = roles
        logTitles = logs
        matchedLabels = matched
    }

    func roleTitle(_ id: String) -> String { roleTitles[id] ?? id }
    func logTitle(_ id: String) -> String { logTitles[id] ?? id }
    func matchedLabel(_ fieldID: String) -> String { matchedLabels[fieldID] ?? fieldID }

    /// "2.3", or the end's short word.
    func targetNumber(_ target: StepTarget) -> String {
        switch target {
        case .end: words["t_endShort"] ?? "END"
        case .step(let id): numbering.number(of: id)
        }
    }
}

extension ProcedureView {
    /// The keys every output of a procedure publishes (its document adds its own).
    static let sharedKeys: [String: ViewKeys<ProcedureView>.Key] = [
        "docID": .text { $0.procedure.id.value },
        "docTitle": .text { $0.procedure.title },
        "docKind": .text { Labels.value($0.procedure.kind.rawValue, language: $0.language) },
        "docVersion": .number { $0.procedure.version },
        "docStatus": .text { $0.procedure.status.value.rawValue },
        "docStatusLabel": .text { Labels.value($0.procedure.status.value.rawValue, language: $0.language) },
        "isDraft": .flag { $0.procedure.status.value == .draft },
        "isRetired": .flag { $0.procedure.status.value == .retired },
        "docOwner": .text { $0.procedure.owner },
        "docApprovedBy": .text { $0.procedure.approvedBy ?? "—" },
        "docEffective": .text { $0.procedure.effective?.value.dayFirst ?? "—" },
        "docReviewBy": .text { $0.procedure.reviewBy?.value.dayFirst ?? "—" },
        "reviewOverdue": .flag { $0.reviewOverdue },
        "docRevision": .text { $0.procedure.revision },
        "hasTranslations": .flag { $0.versions.count > 1 },
        "whenHTML": .text { $0.whenHTML },
        "objectiveHTML": .text { $0.objectiveHTML ?? "" },
        "hasObjective": .flag { $0.objectiveHTML != nil },
        "roles": .list { $0.roles }, "hasRoles": .flag { !$0.roles.isEmpty },
        "contacts": .list { $0.contacts }, "hasContacts": .flag { !$0.contacts.isEmpty },
        "incidents": .list { $0.incidents }, "hasIncidents": .flag { !$0.incidents.isEmpty },
        "sections": .list { $0.sections },
        "logs": .list { $0.logs }, "hasLogs": .flag { !$0.logs.isEmpty },
        "units": .list { $0.units }, "hasUnits": .flag { !$0.units.isEmpty },
        "closesAtDepartment": .flag { $0.procedure.closesAtDepartment },
        "departmentRows": .list { _ in ProcedureView.departmentRows },
    ]
}
