/// The text of a new procedure file: every key of `FormatSpec.procedure` and of the mappings inside it,
/// each with a comment saying what it is for, with values that validate as written — so an author
/// starts from a file that works and deletes what the procedure does not need.
///
/// The structure (keys, order, flow, the values that are not words) is written once, here; each language's
/// comments, example texts and example ids are in `ProcedureScaffold+French/Dutch/English.swift`.
public enum ProcedureScaffold {
    /// A draft (`rex new procedure ID`): document-control keys left empty until approval.
    /// With `incident`, the example of `rex init`: approved, citing that REX record.
    public static func text(id: String, today: LocalDate, citing incident: String? = nil,
                            language: Language = .fr) -> String {
        let words = Texts.of(language)
        let (c, e, i) = (words.comments, words.examples, words.ids)
        let approved = incident != nil
        let status = approved ? "approved" : "draft"
        let approvedBy = approved ? " \(e.approver)" : ""
        let effective = approved ? " \(today)" : ""
        let reviewBy = approved ? " \(today.addingYears(2))" : ""
        let incidents = incident.map { "[\($0)]" } ?? "[]"
        return aligned("""
            \(c.header)
            id: \(id)  # \(c.id) (procedures/\(id).yml)
            title: \(e.title)  # \(c.title)
            kind: downtime  # \(c.kind)
            language:  # \(c.language)
            translation_of:  # \(c.translationOf)
            version: 1  # \(c.version)
            status: \(status)  # \(c.status)
            owner: \(e.owner)  # \(c.owner)
            approved_by:\(approvedBy)  # \(c.approvedBy)
            effective:\(effective)  # \(c.effective)
            review_by:\(reviewBy)  # \(c.reviewBy)
            when: >-  # \(c.when)
              \(continued(e.when))
            objective: >-  # \(c.objective)
              \(continued(e.objective))
            roles:  # \(c.roles)
              rtt: \(e.therapist)
              physicist: \(e.physicist)
            contacts:  # \(c.contacts)
              - role: physicist  # \(c.contactRole)
                name: \(e.physicist)  # \(c.contactName)
                phone: "+32 2 000 00 00"  # \(c.phone)
                note: \(e.contactNote)  # \(c.contactNote)
            incidents: \(incidents)  # \(c.incidents)
            logs:  # \(c.logs)
              \(i.log):
                title: \(e.logTitle)  # \(c.logTitle)
                paper_rows: 15  # \(c.paperRows)
                columns:  # \(c.columns)
                  - id: patient
                    label: \(e.patient)
                    type: patient  # \(c.patientColumn)
                  - id: \(i.fraction)
                    label: \(e.fraction)
                    type: number
                    min: 1
                    max: 60
                    counter: true  # \(c.counter)
                  - { id: \(i.time), label: \(e.time), type: datetime }
                  - { id: \(i.deliveredBy), label: \(e.deliveredBy), type: initials }
                reconcile:  # \(c.reconcile)
                  - { id: \(i.reenteredBy), label: \(e.reenteredBy), type: initials }
                  - { id: \(i.verifiedBy), label: \(e.verifiedBy), type: initials, distinct_from: \(i.reenteredBy) }
            closing: run  # \(c.closing)
            sections:  # \(c.sections)
              - title: \(e.firstSection)  # \(c.sectionTitle)
                mode: read-do  # \(c.mode)
                steps:  # \(c.steps)
                  - id: \(i.noteStep)  # \(c.stepID)
                    role: rtt  # \(c.role)
                    do: \(e.noteStep)  # \(c.action)
                    expect: \(e.expect)  # \(c.expect)
                    warning: \(e.warning)  # \(c.warning)
                    caution: \(e.caution)  # \(c.caution)
                    note: \(e.note)  # \(c.note)
                    because: \(incidents)  # \(c.because)
                    record:  # \(c.record)
                      - id: \(i.start)  # \(c.fieldID)
                        label: \(e.start)  # \(c.fieldLabel)
                        type: datetime  # \(c.fieldType)
                        required: true  # \(c.fieldRequired)
                        must_match:  # \(c.mustMatch)
                        tolerance:  # \(c.tolerance)
                        distinct_from:  # \(c.distinctFrom)
                        min:  # \(c.min)
                        max:  # \(c.max)
                        options:  # \(c.options)
                        unit:  # \(c.unit)
                      - { id: \(i.unit), label: \(e.unit), type: choice, options: [\(e.units.joined(separator: ", "))] }
                      - { id: \(i.notedBy), label: \(e.notedBy), type: initials }
                      - { id: \(i.checkedBy), label: \(e.checkedBy), type: initials, distinct_from: \(i.notedBy) }
                      - { id: \(i.dose), label: \(e.dose), type: number, min: 0, max: 20, unit: Gy, required: false }
                  - id: \(i.waitStep)
                    role: physicist
                    ask: \(e.ask)  # \(c.ask)
                    choices:  # \(c.choices)
                      - answer: \(e.yes)  # \(c.answer)
                        goto: \(i.closeStep)  # \(c.choiceGoto)
                      - answer: \(e.no)
                        goto: \(i.logStep)
                  - id: \(i.logStep)
                    role: rtt
                    do: \(e.logStep)
                    log: \(i.log)  # \(c.log)
              - title: \(e.secondSection)
                mode: do-confirm
                steps:
                  - id: \(i.closeStep)
                    role: physicist
                    do: \(e.closeStep)
                    double_check: true  # \(c.doubleCheck)
                    requires_reconciled: \(i.log)  # \(c.requiresReconciled)
                    goto: end  # \(c.goto)
                    record:
                      - { id: \(i.startInLog), label: \(e.startInLog), type: datetime, must_match: \(i.start), tolerance: 15 min }

            """)
    }
}

extension ProcedureScaffold {
    /// The words of a new procedure in one language. Every member is required, so a language cannot
    /// leave a comment or an example in another language by omission.
    struct Texts {
        /// One comment per key, in the order the scaffold writes them (`header`: the opening `# ` lines).
        struct Comments {
            let header, id, title, kind, language, translationOf, closing, version, status, owner, approvedBy, effective,
                reviewBy, when, objective, roles, contacts, contactRole, contactName, phone, contactNote,
                incidents, logs, logTitle, paperRows, columns, patientColumn, counter, reconcile, sections,
                sectionTitle, mode, steps, stepID, role, action, expect, warning, caution, note, because, record,
                fieldID, fieldLabel, fieldType, fieldRequired, mustMatch, tolerance, distinctFrom, min, max,
                options, unit, ask, choices, answer, choiceGoto, log, doubleCheck, requiresReconciled,
                goto: String
        }

        /// The example's words: titles, role names, labels, step texts, answers. Plain YAML scalars: no
        /// `: `, ` #` or leading indicator, and no `,` in those written inside `{ }` or `[ ]`.
        /// `when` and `objective` may run over several lines.
        struct Examples {
            let title, owner, approver, when, objective, therapist, physicist, contactNote, logTitle, patient,
                fraction, time, deliveredBy, reenteredBy, verifiedBy, firstSection, noteStep, expect, warning,
                caution, note, start, unit: String
            let units: [String]
            let notedBy, checkedBy, dose, ask, yes, no, logStep, secondSection, closeStep, startInLog: String
        }

        /// The example's ids (log, columns, steps, fields), in the language's words: `[a-z0-9_-]`,
        /// all different, and never `end`.
        struct IDs {
            let log, fraction, time, deliveredBy, reenteredBy, verifiedBy, noteStep, start, unit, notedBy,
                checkedBy, dose, waitStep, logStep, closeStep, startInLog: String
        }

        let comments: Comments
        let examples: Examples
        let ids: IDs

        static func of(_ language: Language) -> Texts {
            switch language {
            case .fr: french
            case .nl: dutch
            case .en: english
            }
        }
    }
}
