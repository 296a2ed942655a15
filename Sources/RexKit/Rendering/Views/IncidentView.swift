/// "ASN-SFRO 1 (provisoire) — estimation du service": a severity as pages and reports print it, with its scale's
/// title and, on an external record (or when the source gave it), who gave the level.
func severityText(_ rating: SeverityRating, scales: [SeverityScale], language: String, origin: IncidentOrigin = .internal) -> String {
    let words = Labels.forLanguage(language)
    let scale = scales.first { $0.id == rating.scale.value }?.title ?? rating.scale.value
    let provisional = rating.provisional ? " (\(words["t_provisional"] ?? "provisional"))" : ""
    let rater = switch (origin, rating.ratedBy) {
    case (_, .source): " — \(words["t_ratedBySource"] ?? "")"
    case (.external, .department): " — \(words["t_ratedByDepartment"] ?? "")"
    case (.internal, .department): ""
    }
    return "\(scale) \(rating.level.value)\(provisional)\(rater)"
}

/// "18/11/2020 (approx.)": a date that may be an estimate.
func datedText(_ value: LocalDateTime, approximate: Bool, language: String) -> String {
    approximate ? "\(value.dayFirst) (\(Labels.forLanguage(language)["t_approx"] ?? "approx."))" : value.dayFirst
}

/// An incident as its page and its report show it. An external record keeps the source's words (`quoted…`) apart
/// from the department's own analysis and actions, whose headings say so.
struct IncidentView: TemplateView {
    let incident: Incident
    let language: String
    let words: [String: String]
    let severity: String?
    let html: IncidentHTML
    let timeline: [TimelineView]
    let causes: [CauseView]
    let actions: [ActionView]
    let quotedActions: [QuotedActionView]
    let answeredBy: [ProcedureLinkView]
    let followed: [ProcedureLinkView]

    init(_ incident: Incident, in lookup: HandbookLookup) {
        self.incident = incident
        language = incident.language
        words = Labels.forLanguage(language)
        severity = incident.severity.map {
            severityText($0, scales: lookup.handbook.settings.severityScales, language: incident.language,
                         origin: incident.origin.value)
        }
        html = IncidentHTML(incident)
        let language = incident.language
        timeline = incident.timeline.map(TimelineView.init)
        causes = incident.causes.map { CauseView(cause: $0, language: language) }
        actions = incident.actions.map { action in
            ActionView(action: action, language: language, procedure: action.procedure.flatMap { lookup.procedure($0.value) })
        }
        quotedActions = (incident.quoted?.actions ?? []).map(QuotedActionView.init)
        answeredBy = lookup.procedures(answering: incident.id.value).map {
            ProcedureLinkView(id: $0.id.value, title: $0.title, version: $0.version)
        }
        followed = incident.followed.map { id in
            let procedure = lookup.procedure(id.value)
            return ProcedureLinkView(id: id.value, title: procedure?.title ?? id.value, version: procedure?.version ?? 0)
        }
    }

    var external: Bool { incident.origin.value == .external }
    func label(_ raw: String) -> String { Labels.value(raw, language: language) }
    /// A heading of a section: on an external record, the department's are marked as its own.
    func heading(_ key: String) -> String { words["t_\(key)\(external ? "Department" : "")"] ?? key }

    static let keys: ViewKeys<IncidentView> = ViewKeys(incidentKeys)
}

/// The HTML of an incident's Markdown texts, and its words for the search data from the same parses.
struct IncidentHTML: Sendable {
    let synopsis: String
    let narrative, analysis, recommendations, lessons, severityNote: String?
    let quotedNarrative, quotedRecommendations: String?
    /// Its id, synopsis, narrative, analysis, lessons and the source's quoted texts, without markup (`SearchIndex`).
    let searchText: String

    init(_ incident: Incident) {
        let synopsis = Markdown.htmlAndText(incident.synopsis), narrative = incident.narrative.map(Markdown.htmlAndText)
        let analysis = incident.analysis.map(Markdown.htmlAndText), lessons = incident.lessons.map(Markdown.htmlAndText)
        let quoted = incident.quoted
        let quotedNarrative = quoted?.narrative.map(Markdown.htmlAndText)
        let quotedRecommendations = quoted?.recommendations.map(Markdown.htmlAndText)
        (self.synopsis, self.narrative, self.analysis, self.lessons) = (synopsis.html, narrative?.html, analysis?.html, lessons?.html)
        recommendations = incident.recommendations.map(Markdown.html)
        severityNote = incident.severity?.note.map(Markdown.inlineHTML)
        (self.quotedNarrative, self.quotedRecommendations) = (quotedNarrative?.html, quotedRecommendations?.html)
        // The source's texts in its order (`QuotedSource.texts`): narrative, actions, recommendations.
        let quotedTexts = [quotedNarrative?.text].compactMap { $0 } + (quoted?.actions ?? []).map(Markdown.plainText)
            + [quotedRecommendations?.text].compactMap { $0 }
        searchText = ([Markdown.plainText(incident.id.value), synopsis.text, narrative?.text ?? "", analysis?.text ?? "",
                       lessons?.text ?? ""] + quotedTexts).joined(separator: " ")
    }
}

struct TimelineView: TemplateView {
    let entry: TimelineEntry
    let eventHTML: String
    init(_ entry: TimelineEntry) {
        self.entry = entry
        eventHTML = Markdown.inlineHTML(entry.event)
    }
    static let keys = ViewKeys<TimelineView>([
        "at": .text { $0.entry.at.dayFirst }, "atISO": .text { $0.entry.at.description },
        "approx": .flag { $0.entry.approximate }, "eventHTML": .text { $0.eventHTML },
    ])
}

struct CauseView: TemplateView {
    let cause: Cause
    let language: String
    static let keys = ViewKeys<CauseView>([
        "categoryLabel": .text { Labels.value($0.cause.category.rawValue, language: $0.language) },
        "contributing": .flag { $0.cause.contributing },
        "textHTML": .text { Markdown.inlineHTML($0.cause.text) },
    ])
}

struct ActionView: TemplateView {
    let action: CorrectiveAction
    let language: String
    let procedure: Procedure?
    static let keys = ViewKeys<ActionView>([
        "textHTML": .text { Markdown.inlineHTML($0.action.text) },
        "owner": .text { $0.action.owner ?? "—" },
        "due": .text { $0.action.due?.value.dayFirst ?? "—" },
        "actionStatus": .text { $0.action.status.rawValue },
        "actionStatusLabel": .text { Labels.value($0.action.status.rawValue, language: $0.language) },
        "hasProcedure": .flag { $0.procedure != nil },
        "procedureID": .text { $0.procedure?.id.value ?? "" },
        "procedureTitle": .text { $0.procedure?.title ?? "" },
    ])
}

struct QuotedActionView: TemplateView {
    let textHTML: String
    init(_ text: String) { textHTML = Markdown.inlineHTML(text) }
    static let keys = ViewKeys<QuotedActionView>(["textHTML": .text { $0.textHTML }])
}

/// A procedure named from an incident's page.
struct ProcedureLinkView: TemplateView {
    let id, title: String
    let version: Int
    static let keys = ViewKeys<ProcedureLinkView>([
        "procedureID": .text { $0.id }, "procedureTitle": .text { $0.title }, "procedureVersion": .number { $0.version },
    ])
}
