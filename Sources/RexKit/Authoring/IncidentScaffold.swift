/// The text of a new REX incident record: every key of `FormatSpec.incident` and of the mappings inside
/// it, each with a comment, with values that validate as written.
///
/// The structure is written once, here; each language's comments and example texts are in
/// `IncidentScaffold+French/Dutch/English.swift`.
public enum IncidentScaffold {
    /// A draft (`rex new incident ID`). With `procedure`, the example of `rex init`: its first action
    /// names that procedure, which is how a report shows what its lessons changed.
    public static func text(id: String, today: LocalDate, changing procedure: String? = nil,
                            language: Language = .fr) -> String {
        let words = Texts.of(language)
        let (c, e) = (words.comments, words.examples)
        let status = procedure == nil ? "draft" : "actions-open"
        let firstStatus = procedure == nil ? "planned" : "done"
        let linked = procedure.map { " \($0)" } ?? ""
        return aligned("""
            \(c.header)
            id: \(id)  # \(c.id) (incidents/\(id).yml)
            title: \(e.title)  # \(c.title)
            language:  # \(c.language)
            origin: internal  # \(c.origin)
            source: \(e.source)  # \(c.source)
            quoted:  # \(c.quoted)
              narrative:  # \(c.quotedNarrative)
              actions: []  # \(c.quotedActions)
              recommendations:  # \(c.quotedRecommendations)
            event_class: near-miss  # \(c.eventClass)
            occurred: \(today)T08:15  # \(c.dateTime)
            detected:  # \(c.detected)
              at: \(today)T11:40  # \(c.dateTime)
              approx: true  # \(c.detectedApprox)
            systems: [\(e.systems.joined(separator: ", "))]  # \(c.systems)
            patients_affected: 0  # \(c.patientsAffected)
            severity:  # \(c.severity)
              scale: asn-sfro  # \(c.scale)
              level: "0"  # \(c.level)
              provisional: true  # \(c.provisional)
              rated_by: department  # \(c.ratedBy)
              note: \(e.severityNote)  # \(c.severityNote)
            status: \(status)  # \(c.status)
            synopsis: >-  # \(c.synopsis)
              \(continued(e.synopsis))
            narrative: |  # \(c.narrative)
              \(continued(e.narrative))
            timeline:  # \(c.timeline)
              - at: \(today)T08:15  # \(c.dateTime)
                event: \(e.firstEvent)  # \(c.event)
                approx: true  # \(c.eventApprox)
              - { at: \(today)T11:40, event: \(e.secondEvent) }
            analysis: |  # \(c.analysis)
              \(continued(e.analysis))
            causes:  # \(c.causes)
              - category: procedure  # \(c.category)
                text: \(e.cause)  # \(c.causeText)
                contributing: false  # \(c.contributing)
            actions:  # \(c.actions)
              - text: \(e.firstAction)  # \(c.actionText)
                owner: \(e.firstOwner)  # \(c.actionOwner)
                due: \(today)  # \(c.due)
                status: \(firstStatus)  # \(c.actionStatus)
                procedure:\(linked)  # \(c.actionProcedure)
              - { text: \(e.secondAction), owner: \(e.secondOwner), status: planned }
            recommendations: |  # \(c.recommendations)
              \(continued(e.recommendations))
            lessons: |  # \(c.lessons)
              \(continued(e.lessons))
            followed: [\(procedure ?? "")]  # \(c.followed)

            """)
    }
}

extension IncidentScaffold {
    /// The words of a new REX record in one language. Every member is required, so a language cannot
    /// leave a comment or an example in another language by omission.
    struct Texts {
        /// One comment per key, in the order the scaffold writes them (`header`: the opening `# ` lines;
        /// `dateTime`: the comment of every date-time key).
        struct Comments {
            let header, id, title, language, origin, source, quoted, quotedNarrative, quotedActions,
                quotedRecommendations, eventClass, dateTime, detected, detectedApprox, systems, patientsAffected,
                severity, scale, level, provisional, ratedBy, severityNote, status, synopsis, narrative, timeline,
                event, eventApprox, analysis, causes, category, causeText, contributing, actions, actionText,
                actionOwner, due, actionStatus, actionProcedure, recommendations, lessons, followed: String
        }

        /// The example's words. Plain YAML scalars: no `: `, ` #` or leading indicator, and no `,` in those
        /// written inside `{ }` or `[ ]`. `synopsis`, `narrative`, `analysis`, `recommendations` and `lessons`
        /// may run over several lines (a blank line between paragraphs).
        struct Examples {
            let title, source: String
            let systems: [String]
            let severityNote, synopsis, narrative, firstEvent, secondEvent, analysis, cause, firstAction,
                firstOwner, secondAction, secondOwner, recommendations, lessons: String
        }

        let comments: Comments
        let examples: Examples

        static func of(_ language: Language) -> Texts {
            switch language {
            case .fr: french
            case .nl: dutch
            case .en: english
            }
        }
    }
}
