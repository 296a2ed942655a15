/// English: the words of a new REX record, plain and clinical.
extension IncidentScaffold.Texts {
    static let english = Self(
        comments: Comments(
            header: """
                # REX record (learning from experience). Every possible key is here, with an example that passes
                # 'rex validate': replace the examples, and delete the optional keys you do not need.
                # The text of keys marked (Markdown) accepts **bold**, lists and links.
                """,
            id: "required: the same as the file name",
            title: "required",
            language: "\(choices(Language.self)); empty: the language of rex.yml",
            origin: "\(choices(IncidentOrigin.self)): our own event, or another hospital's",
            source: "where this REX comes from (internal report, FANC — REX 3 - 2020…)",
            quoted: "external REX: the source's text, word for word (empty for an internal REX)",
            quotedNarrative: "(Markdown) the account the source published",
            quotedActions: "(Markdown) the actions the source reports (the other hospital's)",
            quotedRecommendations: "(Markdown) the source's recommendations",
            eventClass: "required: \(choices(EventClass.self))",
            dateTime: "required: YYYY-MM-DD or YYYY-MM-DDTHH:MM",
            detected: "when the event was detected; an estimate is written like this:",
            detectedApprox: "estimated date or time (default false)",
            systems: "systems involved",
            patientsAffected: "number of patients affected",
            severity: "level on a severity scale",
            scale: "required: asn-sfro, or a scale declared in rex.yml",
            level: "required: a level of the scale, in quotes (\"0\", \"1\", \"2+\"…)",
            provisional: "level still provisional (default false)",
            ratedBy: "\(choices(SeverityRater.self)): our estimate, or the level the source published",
            severityNote: "(Markdown) why this level",
            status: "required: \(choices(IncidentStatus.self))",
            synopsis: "required (Markdown): the event in two or three sentences",
            narrative: "(Markdown) what happened, in order, facts only",
            timeline: "dated events, in order",
            event: "required (Markdown)",
            eventApprox: "estimated time (default false)",
            analysis: "(Markdown) the department's analysis: what the event shows, its consequences",
            causes: "causes and contributing factors, from the department's analysis",
            category: "required: \(choices(CauseCategory.self))",
            causeText: "required (Markdown)",
            contributing: "a contributing factor rather than a cause (default false)",
            actions: "corrective actions",
            actionText: "required (Markdown)",
            actionOwner: "who leads it",
            due: "due date, YYYY-MM-DD",
            actionStatus: "required: \(choices(ActionStatus.self))",
            actionProcedure: "the procedure created or changed (procedures/ID.yml)",
            recommendations: "(Markdown) the department's recommendations (a source's go in quoted)",
            lessons: "(Markdown) what the department learns from it",
            followed: "the procedures followed during the event (rex draft-incident fills them in)"),
        examples: Examples(
            title: "Fractions delivered during an R&V downtime not re-entered",
            source: "Internal report",
            systems: ["R&V", "Linac 1"],
            severityNote: "No fraction was delivered with a wrong fraction counter.",
            synopsis: """
                Two fractions delivered during an R&V downtime were not re-entered until the next day;
                the gap was found before the next fraction.
                """,
            narrative: """
                At 08:15 the R&V becomes unavailable on linac 1. Fractions are delivered from the
                printed plans and written on the paper log.

                At 11:40, when the R&V is back, two fractions are missing from the patient record.
                """,
            firstEvent: "The R&V becomes unavailable on linac 1.",
            secondEvent: "Two fractions are missing from the R&V.",
            analysis: "The paper log existed, but nothing stopped treatment from resuming before re-entry.",
            cause: "No step required re-entry before treatment resumed.",
            firstAction: "Add a fraction log and its verified re-entry to the downtime procedure.",
            firstOwner: "Quality coordinator",
            secondAction: "Train the therapists to use the paper log.",
            secondOwner: "Lead radiation therapist",
            recommendations: "- Keep a paper log of **every** fraction delivered during a downtime.",
            lessons: "A fraction delivered without the R&V does not exist for the R&V until it is re-entered."))
}
