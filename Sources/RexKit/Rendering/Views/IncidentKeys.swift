/// The keys an incident's page and report publish.
let incidentKeys: [String: ViewKeys<IncidentView>.Key] = [
    "docID": .text { $0.incident.id.value },
    "docTitle": .text { $0.incident.title },
    "docRevision": .text { $0.incident.revision },
    "docStatus": .text { $0.incident.status.value.rawValue },
    "docStatusLabel": .text { $0.label($0.incident.status.value.rawValue) },
    "hasSource": .flag { $0.incident.source != nil }, "source": .text { $0.incident.source ?? "" },
    "origin": .text { $0.incident.origin.value.rawValue },
    "originLabel": .text { $0.label($0.incident.origin.value.rawValue) },
    "external": .flag { $0.external }, "internal": .flag { !$0.external },
    "eventClass": .text { $0.incident.eventClass.rawValue },
    "eventClassLabel": .text { $0.label($0.incident.eventClass.rawValue) },
    "occurred": .text {
        datedText($0.incident.occurred.value, approximate: $0.incident.occurredApproximate, language: $0.language)
    },
    "detected": .text { view in
        view.incident.detected.map {
            datedText($0.value, approximate: view.incident.detectedApproximate, language: view.language)
        } ?? "—"
    },
    "systems": .text { $0.incident.systems.isEmpty ? "—" : $0.incident.systems.joined(separator: ", ") },
    "patientsAffected": .text { $0.incident.patientsAffected.map(String.init) ?? "—" },
    "hasSeverity": .flag { $0.severity != nil }, "severity": .text { $0.severity ?? "—" },
    "hasSeverityNote": .flag { $0.html.severityNote != nil },
    "severityNoteHTML": .text { $0.html.severityNote ?? "" },
    "synopsisHTML": .text { $0.html.synopsis },
    "hasNarrative": .flag { $0.html.narrative != nil }, "narrativeHTML": .text { $0.html.narrative ?? "" },
    "hasQuoted": .flag { !($0.incident.quoted?.isEmpty ?? true) },
    "hasQuotedNarrative": .flag { $0.html.quotedNarrative != nil },
    "quotedNarrativeHTML": .text { $0.html.quotedNarrative ?? "" },
    "quotedActions": .list { $0.quotedActions }, "hasQuotedActions": .flag { !$0.quotedActions.isEmpty },
    "hasQuotedRecommendations": .flag { $0.html.quotedRecommendations != nil },
    "quotedRecommendationsHTML": .text { $0.html.quotedRecommendations ?? "" },
    "hasAnalysis": .flag { $0.html.analysis != nil }, "analysisHTML": .text { $0.html.analysis ?? "" },
    "timeline": .list { $0.timeline }, "hasTimeline": .flag { !$0.timeline.isEmpty },
    "causes": .list { $0.causes }, "hasCauses": .flag { !$0.causes.isEmpty },
    "actions": .list { $0.actions }, "hasActions": .flag { !$0.actions.isEmpty },
    "hasRecommendations": .flag { $0.html.recommendations != nil },
    "recommendationsHTML": .text { $0.html.recommendations ?? "" },
    "hasLessons": .flag { $0.html.lessons != nil }, "lessonsHTML": .text { $0.html.lessons ?? "" },
    "answeredBy": .list { $0.answeredBy }, "hasAnsweredBy": .flag { !$0.answeredBy.isEmpty },
    "followed": .list { $0.followed }, "hasFollowed": .flag { !$0.followed.isEmpty },
    // Headings that say whose words a section holds: on an external record, the department's are marked.
    "synopsisHeading": .text { $0.heading("synopsis") },
    "narrativeHeading": .text { $0.heading("narrative") },
    "causesHeading": .text { $0.heading("causes") },
    "actionsHeading": .text { $0.heading("actions") },
    "recommendationsHeading": .text { $0.heading("recommendations") },
    "timelineHeading": .text { $0.heading("timeline") },
    "hx": .text { $0.external ? "h3" : "h2" },  // the department's sections sit under their own heading
]
