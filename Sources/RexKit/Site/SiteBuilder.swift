import Foundation

/// What `rex build-site` did.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// Nil when validation failed and nothing was written.
    public var files: [SiteFile]?
    public var output: URL
    public var handbook: Handbook
}

/// Validate → render → write, as named steps; a failing step names itself.
public enum SiteBuilder {
    public static func build(root: URL, output: URL, today: LocalDate? = nil) throws -> BuildReport {
        let loaded = try HandbookLoader.load(root: root).checked(today: today)
        guard !loaded.hasErrors else {
            return BuildReport(diagnostics: loaded.diagnostics, files: nil, output: output, handbook: loaded.handbook)
        }
        let handbook = loaded.handbook
        let templates = try TemplateSet.load(handbookTemplates: handbook.root.appending(path: "templates"))
        let renderer = PageRenderer(handbook: handbook, templates: templates,
                                    today: today ?? LocalDate.today(in: handbook.settings.timeZone))
        let files = try SitePlan(renderer: renderer).render()
        try SiteWriter.write(files, to: output)
        return BuildReport(diagnostics: loaded.diagnostics, files: files, output: output, handbook: handbook)
    }
}
