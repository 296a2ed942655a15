import Foundation

extension PageRenderer {
    /// Every approved emergency, downtime and restore procedure, each starting on a new page.
    public func binderPage(standalone: Bool = false) throws -> String {
        String(decoding: try binder(standalone: standalone).joined, as: UTF8.self)
    }

    /// The binder's bytes, each chapter's HTML a part under the key it is kept by (`RenderCache`).
    func binder(standalone: Bool = false) throws -> Pieces {
        let procedures = binderProcedures
        let inBinder = Set(procedures.map(\.id.value))
        let kind = standalone ? "chapter-standalone" : "chapter"
        let splice = ChapterSplice()
        // A chapter's view is built only when something asks for it: a chapter kept from the last build needs none.
        let chapters = procedures.indices.map { index in
            ChapterDocument(procedure: procedures[index], view: { view(of: procedures[index]) },
                            link: { inBinder.contains($0) ? "#binder-\($0)" : nil },
                            pageName: Self.binderPageName(procedures[index]), html: splice.marker(index))
        }
        let language = handbook.settings.language
        let binderTitle = Labels.forLanguage(language)["t_binder"] ?? "Binder"
        let pageCSS = printCSS.rules(title: binderTitle, language: language)
            + procedures.map { procedure in
                let name = Self.binderPageName(procedure)
                return printCSS.rules(for: procedure, pageName: name) + "#binder-\(procedure.id.value) { page: \(name); }\n"
            }.joined()
        let placement: Placement = standalone ? .standalone : .top
        let binder = BinderView(chapters: chapters, contents: procedures.map(ContentsView.init), today: today.dayFirst)
        let root = pageView(binder, placement: placement, language: language, title: binderTitle, pageCSS: pageCSS)
        // Each chapter's checklist rendered on its own, on all cores, and kept as bytes for the next build.
        let rendered = try parallelMap(chapters) { chapter in
            Result {
                let key = keys.key(kind, ownDigest: chapter.procedure.digest)
                return (key: key, html: try cache.part(key) {
                    Data(try templates.render("checklist-body", StackedView(top: chapter.withView(), below: root)).utf8)
                })
            }
        }.map { try $0.get() }
        return splice.splice(try templates.render("binder", root), chapters: rendered)
    }

    /// Each binder chapter prints on its own named page, so its sheets carry its own header.
    static func binderPageName(_ procedure: Procedure) -> String { "chapter-\(procedure.id.value)" }
}
