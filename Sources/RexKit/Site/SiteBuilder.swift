import Foundation

/// What `rex build-site` did.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// The site's files, by path; nil when validation failed and nothing was written.
    public var files: [String]?
    /// The files this build wrote anew (the manifest aside): the others kept their bytes and modification time.
    public var written: [String]
    public var output: URL
    public var procedureCount: Int
    public var incidentCount: Int
    /// Nil when nothing had changed since the last build, which then read no handbook file.
    public var handbook: Handbook?
    /// What the files were made from (the plan, with its renderer's model, templates and parts, and the last
    /// manifest): a one-off build keeps it until the process exits (`exitKeeping`) rather than spend its last
    /// milliseconds freeing it (a fiftieth of a one-procedure rebuild's CPU at 300 documents, by `perf record`).
    var madeFrom: (plan: SitePlan, previous: BuildManifest?)?
}

/// Validate → render → write, as named steps; a failing step names itself. Each step does only what changed
/// since the build that made the site (its manifest says what that was).
public enum SiteBuilder {
    /// With a `session` (`rex build-site --watch`), what the last build loaded and rendered is used again where
    /// its sources did not change.
    public static func build(root: URL, output: URL, today: LocalDate? = nil, session: BuildSession? = nil) throws -> BuildReport {
        defer { session?.render.sweep() }
        StagingFolders.removeStale(beside: output)
        let handbookRoot = root.handbookFolder
        // The clock that judges the sources' stamps, read before the templates are: a template saved after they were
        // read is then unsettled in the stamps, and the next build reads it again.
        let clock = FileStamp.now()
        // The last build's manifest is read on the other core while the sources are stamped on this one.
        let pendingManifest = Pending { BuildManifest.read(from: output) }
        let sources = SourceStamps.digest(folder: handbookRoot, at: clock)
        let previous = try pendingManifest.get()
        if let previous, previous.sources == sources, let zone = TimeZone(identifier: previous.timeZone),
           (today ?? LocalDate.today(in: zone)).description == previous.today, previous.describesSite(at: output) {
            // Nothing the build reads has changed, nor has the day, nor the site since it was written: it is what a
            // build would make.
            return BuildReport(diagnostics: previous.diagnostics, files: previous.files.keys.sorted(), written: [],
                               output: output, procedureCount: previous.procedures, incidentCount: previous.incidents,
                               handbook: nil)
        }
        // The templates are parsed (in the handbook's language, its words written in) and checked on the other core
        // while the sources are loaded and checked (a session does it again only when a file of templates/ changed).
        // Not before the manifest says whether anything changed: a build that finds nothing changed spent three
        // quarters of its instructions parsing templates it did not use.
        let pendingTemplates = Pending {
            let load = {
                try TemplateSet.load(handbookTemplates: handbookRoot.appending(path: "templates"),
                                     language: HandbookLoader.settings(root: handbookRoot).settings.language)
            }
            return try session?.templates.value(under: SourceStamps.templates(folder: handbookRoot), load) ?? load()
        }
        let loaded = try HandbookLoader.load(root: root, cache: session?.load ?? storedLoads(beside: output))
        let handbook = loaded.handbook
        let day = today ?? LocalDate.today(in: handbook.settings.timeZone)
        let checked = loaded.checked(today: day)
        var report = BuildReport(diagnostics: checked.diagnostics, files: nil, written: [], output: output,
                                 procedureCount: handbook.procedures.count, incidentCount: handbook.incidents.count,
                                 handbook: handbook)
        guard !checked.hasErrors else { return report }
        let templates = try pendingTemplates.get()
        let cache = session?.render ?? RenderCache(keepingParts: false)
        // A new process: the catalog lines, chapters and search entries of the last build are taken from its site.
        let previousParts = cache.isEmpty ? previous : nil
        if let previousParts { PreviousParts.seedCatalog(cache, from: previousParts) }
        let renderer = PageRenderer(handbook: handbook, templates: templates, today: day, cache: cache)
        if let previousParts { PreviousParts.seedParts(cache, from: previousParts, in: output, salt: renderer.keys.salt) }
        let plan = SitePlan(renderer: renderer)
        let outcome = try SiteWriter.write(plan, to: output, previous: previous) { outcome in
            BuildManifest(sources: sources, today: day.description, timeZone: handbook.settings.timeZone.identifier,
                          procedures: handbook.procedures.count, incidents: handbook.incidents.count,
                          diagnostics: checked.diagnostics, files: outcome.files, parts: outcome.parts,
                          catalogLines: renderer.keys.catalogLines, salt: renderer.keys.salt)
        }
        report.files = plan.paths
        report.written = outcome.written
        report.madeFrom = (plan, previous)
        return report
    }
}

extension SiteBuilder {
    /// The loads kept beside the site, or none when the running program cannot be stamped (nothing would tell
    /// its entries from another version's).
    fileprivate static func storedLoads(beside output: URL, firstLoadOnly: Bool = false) -> LoadCache? {
        SourceStamps.programStamp.map {
            LoadCache(storedIn: StagingFolders.loads(for: output), program: $0.description, firstLoadOnly: firstLoadOnly)
        }
    }
}

/// What `rex build-site --watch` keeps between rebuilds: each file's loading, the templates (parsed and checked),
/// each chapter and search entry.
public final class BuildSession: Sendable {
    let load: LoadCache
    let templates = KeptValue<TemplateSet>()
    let render = RenderCache()

    /// With `output`, the session's first build takes the loads the last build kept beside that site, and keeps its
    /// own there (`LoadCache`'s `firstLoadOnly`).
    public init(output: URL? = nil) {
        load = output.flatMap { SiteBuilder.storedLoads(beside: $0, firstLoadOnly: true) } ?? LoadCache()
    }
}
