/// What a translation must keep from its original, as comparable lines: everything but the words. Each
/// part has a name ("step 'db-point'", "log 'treatments' column 'patient'"), a description of its shape
/// and where it is written. Section titles, step texts, labels and option texts are words, not shape.
struct ProcedureShape {
    struct Part {
        let name: String
        let shape: String
        let location: SourceLocation
    }

    let parts: [Part]

    init(_ procedure: Procedure) {
        var parts: [Part] = []
        func add(_ name: String, _ shape: String, _ location: SourceLocation) {
            parts.append(Part(name: name, shape: shape, location: location))
        }
        add("kind", procedure.kind.rawValue, procedure.id.location)
        add("roles", procedure.roles.map(\.id.value).joined(separator: ", "), procedure.id.location)
        add("incidents", procedure.incidents.map(\.value).sorted().joined(separator: ", "), procedure.id.location)
        add("closing", procedure.closesAtDepartment ? "department" : "run", procedure.closing?.location ?? procedure.id.location)
        for (index, section) in procedure.sections.enumerated() {
            add("section \(index + 1)", "\(section.mode.rawValue); steps \(section.steps.map(\.id.value).joined(separator: ", "))",
                section.location)
        }
        for step in procedure.allSteps {
            add("step '\(step.id.value)'", Self.shape(of: step), step.id.location)
            for field in step.record {
                add("step '\(step.id.value)' field '\(field.id.value)'", Self.shape(of: field), field.id.location)
            }
        }
        for log in procedure.logs {
            add("log '\(log.id.value)'", "columns \(log.columns.map(\.id.value).joined(separator: ", ")); reconcile "
                + log.reconcile.map(\.id.value).joined(separator: ", ") + "; \(log.paperRows) paper rows", log.id.location)
            for column in log.columns + log.reconcile {
                add("log '\(log.id.value)' column '\(column.id.value)'", Self.shape(of: column), column.id.location)
            }
        }
        self.parts = parts
    }

    private static func shape(of step: Step) -> String {
        var shape = [step.isDecision ? "a decision" : "an action", "role \(step.role?.value ?? "none")"]
        if !step.choices.isEmpty {
            shape.append("choices → " + step.choices.map { $0.goto?.value.description ?? "?" }.joined(separator: ", "))
        }
        if let goto = step.goto { shape.append("goto \(goto.value)") }
        if let log = step.log { shape.append("log \(log.value)") }
        if step.doubleCheck { shape.append("double_check") }
        if let log = step.requiresReconciled { shape.append("requires_reconciled \(log.value)") }
        if !step.because.isEmpty { shape.append("because " + step.because.map(\.value).sorted().joined(separator: ", ")) }
        if step.expect != nil { shape.append("expect") }
        return shape.joined(separator: "; ")
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    private static func shape(of field: Field) -> String {
        var shape = [field.type.value.rawValue, field.required ? "required" : "optional"]
        if let other = field.mustMatch { shape.append("must_match \(other.value)") }
        if let tolerance = field.tolerance {
            shape.append("tolerance \(number(tolerance.value.value))\(tolerance.value.kind == .duration ? " s" : "")")
        }
        if let other = field.distinctFrom { shape.append("distinct_from \(other.value)") }
        if let min = field.min { shape.append("min \(number(min.value))") }
        if let max = field.max { shape.append("max \(number(max.value))") }
        if let options = field.options { shape.append("\(options.value.count) options") }
        if field.isCounter { shape.append("counter") }
        return shape.joined(separator: ", ")
    }
}
