import Foundation

/// How a draft names what a run recorded, in the handbook's words and the document's language: a step by its
/// number, a field or column by its label, a row by its patient and counter, a value as people read it. Every
/// text that comes from a run (a reason, an answer, a value) is escaped, so it stays text in the report.
struct DraftWording {
    let language: String
    let zone: TimeZone
    let procedures: [String: Procedure]

    init(handbook: Handbook) {
        language = handbook.settings.language
        zone = handbook.settings.timeZone
        procedures = Dictionary(handbook.procedures.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func say(_ key: String, _ arguments: String...) -> String {
        Labels.say(key, language: language, arguments)
    }

    /// Text from a run, made safe as Markdown and as a line of YAML: no markup, no line break, no control character.
    func plain(_ text: String) -> String { Markdown.escaped(DraftWording.oneLine(text)) }

    /// Line breaks and tabs become spaces; other control characters are dropped.
    static func oneLine(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if ["\n", "\r", "\t", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) {
                scalars.append(" ")
            } else if scalar.properties.generalCategory != .control, scalar != "\u{FEFF}" {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// "1.3 (fs-point)", or "fs-point" for a step this version of the procedure no longer has.
    func step(_ id: String, of run: Run) -> String {
        guard let procedure = procedures[run.procedure], procedure.allSteps.contains(where: { $0.id.value == id }) else {
            return plain(id)
        }
        return "\(StepNumbering(procedure).number(of: id)) (\(plain(id)))"
    }

    func log(_ id: String, of run: Run) -> DowntimeLog? {
        procedures[run.procedure]?.logs.first { $0.id.value == id }
    }

    /// A field's label among the procedure's step fields and log columns, else its id.
    func label(_ field: String, of run: Run) -> String {
        guard let procedure = procedures[run.procedure] else { return plain(field) }
        let fields = procedure.allSteps.flatMap(\.record) + procedure.logs.flatMap { $0.columns + $0.reconcile }
        return plain(fields.first { $0.id.value == field }?.label ?? field)
    }

    /// "12", "03/03/2025 21:00", "oui", "—": a recorded value as the runner shows it.
    func value(_ value: RunValue) -> String {
        switch value {
        case .text(let text):
            if let match = text.wholeMatch(of: #/(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2})?)?/#) {
                return "\(match.3)/\(match.2)/\(match.1)" + (match.4.map { " \($0):\(match.5 ?? "00")" } ?? "")
            }
            return plain(text)
        case .number(let number): return JSONNode.format(number)
        case .bool(let flag): return Labels.forLanguage(language)[flag ? "t_yes" : "t_no"] ?? String(flag)
        case .null: return "—"
        }
    }

    /// "« Label » = value, « Other » = value" for a list of values.
    func values(_ values: RunValues, of run: Run) -> String {
        values.entries.map { "« \(label($0.id, of: run)) » : \(value($0.value))" }.joined(separator: ", ")
    }

    /// "P-001, Fraction n° 5": the patient and counter of a row, from the row's values.
    func row(_ values: RunValues, log: String, of run: Run) -> String {
        guard let definition = self.log(log, of: run) else { return plain(values.entries.first.map { value($0.value) } ?? "") }
        var parts: [String] = []
        if let patient = definition.patientColumn, let recorded = values[patient.id.value] { parts.append(value(recorded)) }
        if let counter = definition.counterColumn, let recorded = values[counter.id.value] {
            parts.append("\(plain(counter.label)) \(value(recorded))")
        }
        if parts.isEmpty, let first = definition.columns.first, let recorded = values[first.id.value] {
            parts.append(value(recorded))
        }
        return parts.joined(separator: ", ")
    }

    func logTitle(_ log: String, of run: Run) -> String {
        plain(self.log(log, of: run)?.title ?? log)
    }

    /// "AB", or "AB, 2e : CD" with a double check's second person.
    func who(_ by: String?, second: String? = nil) -> String {
        let first = plain(by ?? "?")
        return second.map { say("draftSecond", first, plain($0)) } ?? first
    }

    /// A time of a run on the handbook's clock.
    func time(_ time: RunTime) -> LocalDateTime { time.local(in: zone) }

    /// "+01:00" when a run's offset differs from the handbook's clock at that moment, else nil.
    func foreignOffset(_ time: RunTime) -> String? {
        guard let offset = time.offsetMinutes else { return nil }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let parts = DateComponents(year: time.date.year, month: time.date.month, day: time.date.day, hour: time.hour,
                                   minute: time.minute)
        guard let instant = utc.date(from: parts)?.addingTimeInterval(-Double(offset) * 60) else { return nil }
        guard zone.secondsFromGMT(for: instant) != offset * 60 else { return nil }
        return String(format: "%@%02d:%02d", offset < 0 ? "-" : "+", abs(offset) / 60, abs(offset) % 60)
    }

    /// "45 min", "1 h 35 min", "3 j 2 h 05 min".
    func duration(minutes: Int) -> String {
        if minutes < 60 { return "\(minutes) min" }
        let hours = "\(minutes / 60 % 24) h \(String(format: "%02d", minutes % 60)) min"
        return minutes < 1440 ? hours : say("draftDays", String(minutes / 1440)) + " " + hours
    }

    /// "poste linac-1", or, without a unit, "poste non indiqué (déroulé …)" so that two such runs stay apart.
    func unit(of run: Run) -> String {
        run.unit.map { say("draftUnit", plain($0)) } ?? "\(say("draftNoUnit")) (\(say("draftRunID", plain(run.runID))))"
    }
}
