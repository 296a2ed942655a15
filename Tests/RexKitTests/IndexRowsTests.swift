import Foundation
import Testing
@testable import RexKit

/// The index is put together from its frame and its rows (so a build keeps the rows of unchanged documents), and is
/// then byte for byte the page swift-mustache renders whole from the same template; a custom index whose rows
/// cannot be rendered on their own is rendered whole.
@Suite("Index rows as parts")
struct IndexRowsTests {
    /// Procedures of two kinds, one overdue for review, a retired one; incidents of two origins.
    private func renderer(templates changes: [String: String] = [:]) throws -> PageRenderer {
        var files = TemplateSet.builtInFiles()
        for (name, text) in changes { files[name] = Data(text.utf8) }
        let handbook = try TestHandbook([
            "procedures/alpha.yml": approvedProcedure("alpha", title: "Alpha <arrêt>"),
            "procedures/beta.yml": approvedProcedure("beta", title: "Beta").replacingOccurrences(of: "kind: downtime", with: "kind: emergency")
                .replacingOccurrences(of: "review_by: 2030-01-01", with: "review_by: 2025-06-01"),
            "procedures/gamma.yml": approvedProcedure("gamma", title: "Gamma").replacingOccurrences(of: "status: approved", with: "status: retired"),
            "incidents/rex-a.yml": incidentAnsweredByAlpha,
            "incidents/rex-b.yml": Sample.incident.replacingOccurrences(of: "rex-ok", with: "rex-b"),
        ])
        let result = try handbook.load()
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        return PageRenderer(handbook: result.handbook, templates: try TemplateSet(files: files), today: TestHandbook.today)
    }

    private func builtIn(_ name: String) -> String {
        String(decoding: TemplateSet.builtInFiles()[name] ?? Data(), as: UTF8.self)
    }

    @Test func theIndexFromItsRowsIsTheIndexRenderedWhole() throws {
        let renderer = try renderer()
        let file = try renderer.indexFile()
        #expect(file.layout.keys.count == 5, "a part for each of three procedures and two incidents")
        #expect(Set(file.partOfPage.keys) == ["procedures/alpha.html", "procedures/beta.html", "procedures/gamma.html",
                                             "incidents/rex-a.html", "incidents/rex-b.html"])
        let page = try renderer.indexPage()
        #expect(page == (try renderer.indexPage(parted: false)))
        #expect(page.contains("Alpha &lt;arrêt&gt;") && page.contains("data-overdue"))
        // Each part is its document's row.
        let bytes = try file.assembled()
        #expect(bytes.parts.count == 5)
        for (part, id) in zip(bytes.parts, ["beta", "alpha", "gamma"]) {
            let row = String(decoding: bytes.joined[part.offset ..< part.offset + part.length], as: UTF8.self)
            #expect(row.hasPrefix("        <tr data-index-procedure=\"\(id)\">") && row.hasSuffix("</tr>\n"), "\(row)")
        }
    }

    /// The shipped handbook, in French and Dutch.
    @Test func theShippedHandbooksIndexFromItsRowsIsTheIndexRenderedWhole() throws {
        let handbook = try HandbookLoader.load(root: repositoryRoot).handbook
        let renderer = PageRenderer(handbook: handbook, templates: try TemplateSet.builtIn(), today: TestHandbook.today)
        #expect(try renderer.indexFile().layout.keys.count == handbook.procedures.count + handbook.incidents.count)
        #expect(try renderer.indexPage() == renderer.indexPage(parted: false))
    }

    /// Rows that would not render alone as inside the page are not made parts: the page is rendered as its template
    /// says, whole or with the other list's rows as parts.
    @Test(arguments: [
        ("rows written in the index", "{{#procedures}}{{> index-procedure-row}}{{/procedures}}",
         "{{#procedures}}<tr><td>{{procedureID}}</td></tr>{{/procedures}}", nil),
        ("the three tags not side by side", "{{#procedures}}{{> index-procedure-row}}{{/procedures}}",
         "{{#procedures}} {{> index-procedure-row}}{{/procedures}}", nil),
        ("an inverted section", "{{#procedures}}{{> index-procedure-row}}{{/procedures}}",
         "{{#procedures}}{{> index-procedure-row}}{{/procedures}}{{^procedures}}{{> index-procedure-row}}{{/procedures}}", nil),
        ("the row included again", "</main>", "{{#procedureGroups}}{{#procedures}}{{> index-procedure-row}}{{/procedures}}{{/procedureGroups}}</main>", nil),
        ("a group's name in the row", "{{procedureID}}</span>", "{{procedureID}} {{kindLabel}}</span>", "index-procedure-row.mustache"),
        ("an index name in the row", "{{procedureID}}</span>", "{{procedureID}}{{#hasBoard}}!{{/hasBoard}}</span>", "index-procedure-row.mustache"),
        ("the row's own item", "{{procedureID}}</span>", "{{procedureID}}{{.}}</span>", "index-procedure-row.mustache"),
        ("a name from the top of the stack only", "{{procedureID}}</span>", "{{procedureID}}{{.procedureID}}</span>",
         "index-procedure-row.mustache"),
    ] as [(String, String, String, String?)])
    func procedureRowsThatCannotStandAloneAreRenderedInThePage(what: String, old: String, new: String, file: String?) throws {
        let name = file ?? "index.mustache"
        let text = builtIn(name)
        #expect(text.contains(old), "\(what): the built-in template changed")
        let renderer = try renderer(templates: [name: text.replacingOccurrences(of: old, with: new)])
        #expect(renderer.templates.indexRows.procedures == nil, "\(what)")
        #expect(renderer.templates.indexRows.incidents != nil, "\(what): the incident rows are still parts")
        #expect(try renderer.indexFile().layout.keys.count == 2, "\(what)")
        #expect(try renderer.indexPage() == renderer.indexPage(parted: false), "\(what)")
    }

    /// Blocks (`{{$x}}`) and parents (`{{<x}}`) are rendered with what the including template overrides: an index that
    /// has any is rendered whole.
    @Test func anIndexWithBlocksIsRenderedWhole() throws {
        let row = builtIn("index-procedure-row.mustache").replacingOccurrences(of: "{{procedureID}}</span>",
                                                                               with: "{{procedureID}}{{$extra}}+{{/extra}}</span>")
        let renderer = try renderer(templates: ["index-procedure-row.mustache": row])
        #expect(renderer.templates.indexRows.procedures == nil && renderer.templates.indexRows.incidents == nil)
        #expect(try renderer.indexFile().layout.keys.isEmpty)
        #expect(try renderer.indexPage() == renderer.indexPage(parted: false))
    }

    /// Procedure rows shown inside the incident rows: with one incident each row is shown once, and a row may then
    /// show the incident's keys, which the row rendered on its own would not have. Refused when templates load.
    @Test func aRowThatCouldShowAnotherListsKeysIsRenderedInThePage() throws {
        let index = builtIn("index.mustache").replacingOccurrences(
            of: "{{#procedures}}{{> index-procedure-row}}{{/procedures}}",
            with: "{{#incidentRows}}{{#procedures}}{{> index-procedure-row}}{{/procedures}}{{/incidentRows}}")
        let row = builtIn("index-procedure-row.mustache").replacingOccurrences(of: "{{procedureID}}</span>",
                                                                               with: "{{procedureID}} {{incidentTitle}}</span>")
        let renderer = try renderer(templates: ["index.mustache": index, "index-procedure-row.mustache": row])
        #expect(renderer.templates.indexRows.procedures == nil)
        #expect(try renderer.indexPage() == renderer.indexPage(parted: false))
    }

    /// Groups shown in another order than the view's (swift-mustache's `reversed`): each row once, each marker carrying
    /// its row's id, so the frame is seen not to be in order, and the page is rendered whole.
    @Test func rowsShownInAnotherOrderAreRenderedWhole() throws {
        let index = builtIn("index.mustache").replacingOccurrences(of: "{{#procedureGroups}}", with: "{{#reversed(procedureGroups)}}")
            .replacingOccurrences(of: "{{/procedureGroups}}", with: "{{/reversed(procedureGroups)}}")
        let renderer = try renderer(templates: ["index.mustache": index])
        #expect(renderer.templates.indexRows.procedures != nil, "the template looks parted")
        #expect(try renderer.indexFile().layout.keys.isEmpty, "the frame's rows are not in the view's order")
        let page = try renderer.indexPage()
        #expect(page == (try renderer.indexPage(parted: false)))
        let downtime = try #require(page.range(of: "data-index-procedure=\"alpha\"")),
            emergency = try #require(page.range(of: "data-index-procedure=\"beta\""))
        #expect(downtime.lowerBound < emergency.lowerBound, "the downtime group first, reversed")
    }

    /// A list the template shows again for each item of another: the frame shows each row more than once, and the
    /// page is rendered whole.
    @Test func aListShownMoreThanOnceIsRenderedWhole() throws {
        let index = builtIn("index.mustache").replacingOccurrences(
            of: "{{#incidentRows}}{{> index-incident-row}}{{/incidentRows}}",
            with: "{{#procedureGroups}}{{#incidentRows}}{{> index-incident-row}}{{/incidentRows}}{{/procedureGroups}}")
        let renderer = try renderer(templates: ["index.mustache": index])
        #expect(renderer.templates.indexRows.incidents != nil, "the template looks parted")
        #expect(try renderer.indexFile().layout.keys.isEmpty, "the frame does not show each row once")
        let page = try renderer.indexPage()
        #expect(page == (try renderer.indexPage(parted: false)))
        #expect(page.components(separatedBy: "data-index-incident=\"rex-b\"").count == 3, "two groups, each with rex-b's row")
    }
}
