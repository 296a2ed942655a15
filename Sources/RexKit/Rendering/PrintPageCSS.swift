/// The `@page` rules of a printed document: a header and footer on every sheet (handbook, title,
/// id, version, status, dates, revision code; "uncontrolled copy", printed date, page N / M).
/// Generated per document because CSS margin boxes can only show text written in the stylesheet;
/// the binder gives each chapter a named page so each sheet carries its own procedure's header.
struct PrintPageCSS {
    let handbookName: String
    let today: LocalDate

    /// Rules for one procedure; `pageName` nil styles the default page.
    func rules(for procedure: Procedure, pageName: String? = nil) -> String {
        let t = Labels.forLanguage(procedure.language)
        let label = { (key: String) in t["t_\(key)"] ?? key }
        let status = Labels.value(procedure.status.value.rawValue, language: procedure.language)
        let control = [
            "\(procedure.id.value) · v\(procedure.version) · \(status)",
            "\(label("effective")) \(procedure.effective?.value.dayFirst ?? "—") · "
                + "\(label("reviewBy")) \(procedure.reviewBy?.value.dayFirst ?? "—") · "
                + "\(label("revision")) \(procedure.revision)",
        ]
        return page(name: pageName, left: [handbookName, procedure.title], right: control, language: procedure.language)
    }

    /// Rules for a page that is not one procedure (the binder's cover and contents).
    func rules(title: String, language: String) -> String {
        page(name: nil, left: [handbookName, title], right: [], language: language)
    }

    private func page(name: String?, left: [String], right: [String], language: String) -> String {
        let t = Labels.forLanguage(language)
        let label = { (key: String) in t["t_\(key)"] ?? key }
        let selector = name.map { "@page \($0)" } ?? "@page"
        let box = "font-family: \"DejaVu Sans\", Arial, sans-serif; font-size: 8pt; color: #000; white-space: pre;"
        return """
        \(selector) {
          size: A4 portrait;
          margin: 22mm 12mm 18mm 12mm;
          @top-left { content: \(quoted(left.joined(separator: "\n"))); \(box) vertical-align: bottom; }
          @top-right { content: \(quoted(right.joined(separator: "\n"))); \(box) text-align: right; vertical-align: bottom; }
          @bottom-left { content: \(quoted(label("uncontrolled") + " · " + label("printedOn") + " ")) var(--rex-printed-on, \(quoted(today.dayFirst))); \(box) }
          @bottom-right { content: \(quoted(label("page") + " ")) counter(page) " / " counter(pages); \(box) text-align: right; }
        }

        """
    }

    /// A CSS string literal: quotes, backslashes and line breaks escaped, `<` too so no text can end the `<style>`.
    private func quoted(_ text: String) -> String {
        "\"" + Self.stringEscapes.apply(to: text) + "\""
    }

    private static let stringEscapes = ByteEscapes(["\"": "\\\"", "\\": "\\\\", "\n": "\\A ", "<": "\\3C "])
}
