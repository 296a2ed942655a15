/// "± 10 min", "± 0.5 UM": a field's tolerance as written, with a number field's unit; paper and Markdown say it alike.
func toleranceLabel(of field: Field) -> String? {
    guard let tolerance = field.tolerance?.value else { return nil }
    let unit = tolerance.kind == .number ? field.unit.map { " \($0)" } ?? "" : ""
    return "± \(tolerance.text)\(unit)"
}

/// `3` rather than `3.0`; decimals kept when present.
func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
