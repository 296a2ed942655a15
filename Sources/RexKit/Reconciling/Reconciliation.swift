import Foundation

/// `rex reconcile FILE…`: the department's verdict over an outage, from the exported runs of every unit and, when
/// given, the reconciliation board's export (its runs, units marked not affected, rows reconciled there, its close).
/// The same verdict as the board's: exit 0 only when no unit is missing and no row is pending.
public enum Reconciliation {
    public enum Format: String, Sendable, CaseIterable {
        /// Sections for a terminal, the verdict on the last line.
        case text
        /// The verdict for another program.
        case json
        /// A standalone printable page: the department's hold list, then the closing report.
        case html
    }

    public struct Outcome: Sendable {
        /// Problems that stop any verdict (a file that cannot be read or used), sorted; printed on standard error.
        public var diagnostics: [Diagnostic]
        /// 0 nothing pending and no unit missing; 1 otherwise; 2 unreadable input or a handbook with errors.
        public var exitCode: Int32
        /// The verdict, in the format asked for; nil when there is none.
        public var text: String?
        /// Why there is no verdict, for the last line on standard error.
        public var refusal: String?
    }

    public static func run(root: URL, paths: [String], format: Format, now: Date = Date()) throws -> Outcome {
        let loaded = try HandbookLoader.load(root: root).checked()
        if loaded.hasErrors {
            return Outcome(diagnostics: loaded.diagnostics, exitCode: 2, refusal: "rex: the handbook has errors; no verdict")
        }
        let handbook = loaded.handbook
        let read = OutageFileReader.read(paths)
        let refusal = "rex: no verdict: a file cannot be used"
        if !read.diagnostics.isEmpty {
            return Outcome(diagnostics: read.diagnostics.sortedForOutput(), exitCode: 2, refusal: refusal)
        }
        let (outage, problems) = Outage.assemble(runs: read.runs, boards: read.boards, handbook: handbook)
        guard let outage, problems.isEmpty else {
            return Outcome(diagnostics: problems.sortedForOutput(), exitCode: 2, refusal: refusal)
        }
        let verdict = DepartmentVerdict(outage)
        let text: String
        switch format {
        case .text: text = verdict.text()
        case .json: text = verdict.json()
        case .html:
            let templates = try TemplateSet.load(handbookTemplates: handbook.root.appending(path: "templates"),
                                                 language: handbook.settings.language)
            let zone = handbook.settings.timeZone
            let renderer = PageRenderer(handbook: handbook, templates: templates, today: LocalDate.today(in: zone))
            text = try renderer.reconcileReport(verdict.pageView(printedAt: Self.stamp(now, in: zone)))
        }
        return Outcome(diagnostics: [], exitCode: verdict.exitCode, text: text)
    }

    /// "2026-11-17T10:30" on the handbook's clock; a clock outside the years 1–9999 gives the nearest day of them.
    static func stamp(_ date: Date, in zone: TimeZone) -> String {
        LocalDateTime(date, in: zone)?.description ?? LocalDate.today(in: zone, now: date).description
    }
}
