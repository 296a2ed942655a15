import Foundation

extension PageRenderer {
    /// Every approved emergency, downtime and restore procedure, each starting on a new page.
    public func binderPage(standalone: Bool = false) throws -> String {
        String(decoding: try binder(standalone: standalone).joined, as: UTF8.self)
    }

    /// The binder's bytes, each chapter's HTML a part under the key it is kept by (`RenderCache`).
    func binder(standalone: Bool = false) throws -> Pieces {
        try binderFile(standalone: standalone).assembled()
    }

    /// The binder as its page around its chapters: a site build writes each chapter as it comes (`StreamedFile`).
    func binderFile(standalone: Bool = false) throws -> PartedFile {
        let layout = binderLayout(standalone: standalone)
        let chapterKeys = layout.chapters.map { keys.key(layout.kind, ownDigest: $0.procedure.digest) }
        let page = try templates.render("binder", layout.root)
        return PartedFile(layout: layout.splice.layout(page, keys: chapterKeys),
                          partOfPage: layout.index.reduce(into: [:]) { $0[SitePaths.checklist($1.key)] = $1.value },
                          cache: cache) { index in
            try renderChapter(layout.chapters[index].withView(), in: layout)
        }
    }

    /// Makes a procedure's chapter of the site's binder from a view already at hand, and leaves it in the cache
    /// for the binder to take, unless it is there: a site build does this as it renders the procedure's checklist,
    /// so the view need not be kept until the binder is rendered.
    func prepareChapter(of view: ProcedureView) throws {
        let layout = binderLayout(standalone: false)
        guard let index = layout.index[view.procedure.id.value] else { return }
        try cache.prepare(keys.key(layout.kind, ownDigest: view.procedure.digest)) {
            try renderChapter(layout.chapters[index].withView(view), in: layout)
        }
    }

    private func renderChapter(_ chapter: ChapterDocument, in layout: BinderLayout) throws -> Data {
        Data(try templates.render("checklist-body", StackedView(top: chapter, below: layout.root)).utf8)
    }

    /// What the binder page and each chapter are rendered with; made once per build (the first checklist to prepare
    /// its chapter, or the binder's frame, makes it while the other waits: two layouts would differ in their splice's
    /// nonce).
    private func binderLayout(standalone: Bool) -> BinderLayout {
        let kind = standalone ? "chapter-standalone" : "chapter"
        return cache.shared("layout \(keys.key(wholeHandbook: kind))") {
            let procedures = binderProcedures
            let inBinder = Set(procedures.map(\.id.value))
            let splice = ChapterSplice()
            // A chapter's view is built only when something asks for it: a chapter kept from the last build needs none.
            // The layout stays in the cache, so a chapter holds the cache weakly and the renderer's parts as values, not
            // the renderer: else the cache would hold itself, and the renderer's model and views would never be freed.
            let (keys, lookup, today) = (keys, lookup, today)
            let chapters = procedures.indices.map { index in
                let procedure = procedures[index]
                return ChapterDocument(procedure: procedure,
                                       view: { [weak cache = self.cache] in
                                           Self.view(of: procedure, keys: keys, cache: cache, lookup: lookup, today: today)
                                       },
                                       link: { inBinder.contains($0) ? "#binder-\($0)" : nil },
                                       pageName: Self.binderPageName(procedure), html: splice.marker(index))
            }
            let language = handbook.settings.language
            let binderTitle = Labels.forLanguage(language)["t_binder"] ?? "Binder"
            let pageCSS = printCSS.rules(title: binderTitle, language: language)
                + procedures.map { procedure in
                    let name = Self.binderPageName(procedure)
                    return printCSS.rules(for: procedure, pageName: name) + "#binder-\(procedure.id.value) { page: \(name); }\n"
                }.joined()
            let binder = BinderView(chapters: chapters, contents: procedures.map(ContentsView.init), today: today.dayFirst)
            let root = pageView(binder, placement: standalone ? .standalone : .top, language: language, title: binderTitle,
                                pageCSS: pageCSS)
            return BinderLayout(kind: kind, chapters: chapters, root: root, splice: splice,
                                index: Dictionary(procedures.indices.map { (procedures[$0].id.value, $0) },
                                                  uniquingKeysWith: { first, _ in first }))
        }
    }

    /// Each binder chapter prints on its own named page, so its sheets carry its own header.
    static func binderPageName(_ procedure: Procedure) -> String { "chapter-\(procedure.id.value)" }
}

/// The binder's page view, its chapters (each shown as a `ChapterSplice` marker) and the splice that puts them in.
private struct BinderLayout: Sendable {
    let kind: String
    let chapters: [ChapterDocument]
    let root: PageView<BinderView>
    let splice: ChapterSplice
    /// Each chapter's place, by procedure id.
    let index: [String: Int]
}
