import Foundation
import Testing
@testable import RexKit

/// Templates fail loudly (never a silent empty render), and the revision code follows the content.
@Suite("Templates and revision codes")
struct TemplateTests {
    /// The built-in templates with some files replaced (or removed, with nil).
    private func templates(_ changes: [String: String?]) throws -> TemplateSet {
        var files = TemplateSet.builtInFiles()
        for (name, text) in changes { files[name] = text.map { Data($0.utf8) } }
        return try TemplateSet(files: files)
    }

    private func renderer(_ templates: TemplateSet) throws -> (PageRenderer, Handbook) {
        let (builtIn, handbook) = try TestHandbook(["procedures/flow.yml": flowProcedure]).renderer()
        return (PageRenderer(handbook: handbook, templates: templates, today: builtIn.today), handbook)
    }

    @Test func theBuiltInTemplatesRenderEveryPage() throws {
        let (renderer, handbook) = try renderer(try TemplateSet.builtIn())
        let procedure = try #require(handbook.procedure("flow"))
        #expect(try !renderer.indexPage().isEmpty)
        #expect(try !renderer.procedurePage(procedure).isEmpty)
        #expect(try !renderer.checklistPage(procedure).isEmpty)
        #expect(try !renderer.binderPage().isEmpty)
    }

    /// Checked when the templates load, against the keys each page publishes: nothing is rendered with it.
    @Test func aKeyThePageDoesNotPublishIsAnErrorWhenTemplatesLoad() throws {
        let error = try #require(throws: TemplateError.self) {
            try templates(["index.mustache": "<h1>{{handbookName}}</h1>{{handbookTitel}}"])
        }
        #expect(error.description == "templates/index.mustache: uses 'handbookTitel', which the page context does not provide")
    }

    /// swift-mustache looks a name starting with a dot up on the innermost item only: found elsewhere, it would
    /// render as nothing.
    @Test func aDottedNameIsCheckedOnTheInnermostItemOnly() throws {
        let error = try #require(throws: TemplateError.self) {
            try templates(["procedure.mustache": "{{#sections}}{{#steps}}{{.stepNumber}}{{.handbookName}}{{/steps}}{{/sections}}"])
        }
        #expect(error.description == "templates/procedure.mustache: uses '.handbookName', which the innermost context "
                + "does not provide (a name starting with '.' is looked up there only)")
        #expect(throws: Never.self) { try templates(["index.mustache": "<h1>{{.handbookName}}</h1>"]) }
    }

    @Test func aKeyMissingInsideASectionIsAnError() throws {
        let error = try #require(throws: TemplateError.self) {
            try templates(["procedure.mustache": "{{#sections}}{{#steps}}{{stepNumbr}}{{/steps}}{{/sections}}"])
        }
        #expect(error.description == "templates/procedure.mustache: uses 'stepNumbr', which the page context does not provide")
    }

    /// A section's names are its items' and the page's; outside the section, its items' are not.
    @Test func aSectionsKeysAreOnlyInsideIt() throws {
        _ = try templates(["procedure.mustache": "{{#sections}}{{#steps}}{{stepNumber}} {{docTitle}} {{t_goTo}}{{/steps}}{{/sections}}"])
        let error = try #require(throws: TemplateError.self) {
            try templates(["procedure.mustache": "{{#sections}}{{sectionTitle}}{{/sections}}{{stepNumber}}"])
        }
        #expect(error.description.contains("uses 'stepNumber'"))
    }

    /// A partial is checked where each page includes it: the runner's model is the procedure page's alone.
    @Test func aPartialIsCheckedWhereItIsIncluded() throws {
        let error = try #require(throws: TemplateError.self) {
            try templates(["opening.mustache": "{{runnerJSON}}"])
        }
        #expect(error.description == "templates/opening.mustache (included by templates/checklist.mustache): "
                + "uses 'runnerJSON', which the page context does not provide")
    }

    /// Every built-in page publishes its keys, and every built-in template uses only those.
    @Test func theBuiltInTemplatesUseOnlyPublishedKeys() throws {
        _ = try TemplateSet.builtIn()
        #expect(Set(TemplateKeyCheck.pages.keys).isSuperset(of: TemplateSet.requiredTemplates))
    }

    @Test func aMissingPartialIsAnError() throws {
        let error = try #require(throws: TemplateError.self) {
            try templates(["index.mustache": "{{> head}}{{> sidebar}}{{> foot}}"])
        }
        #expect(error.description == "templates/index.mustache: includes missing partial 'sidebar'")
    }

    /// No view holds itself, so a template that includes itself, at once or through others, would render until the
    /// stack ran out (the build crashed): it is refused when the templates load.
    @Test(arguments: [
        (["foot.mustache": "<footer>{{> foot}}</footer>\n"], "templates/foot.mustache: includes itself (foot → foot)"),
        (["foot.mustache": "{{#standalone}}{{> legal}}{{/standalone}}\n", "legal.mustache": "<p>{{> notice}}</p>",
          "notice.mustache": "{{> legal}}"], "templates/legal.mustache: includes itself (legal → notice → legal)"),
        // Four times over: refused at once, not followed 4¹⁶ times.
        (["foot.mustache": "{{> foot}}{{> foot}}{{> foot}}{{> foot}}"], "templates/foot.mustache: includes itself (foot → foot)"),
    ])
    func aTemplateThatIncludesItselfIsAnError(files: [String: String], message: String) throws {
        let error = try #require(throws: TemplateError.self) { try templates(files) }
        #expect(error.description == message + ", which would never end")
    }

    @Test func aMissingTemplateIsAnError() throws {
        let error = try #require(throws: TemplateError.self) { try templates(["report.mustache": nil]) }
        #expect(error.description == "templates/report.mustache: missing template")
    }

    @Test func aSyntaxErrorNamesTheTemplate() throws {
        let error = try #require(throws: TemplateError.self) {
            try templates(["index.mustache": "<h1>{{#hasProcedures}}</h1>"])
        }
        #expect(error.description.hasPrefix("templates/index.mustache:1:"))
    }

    /// Words are written into templates before they are parsed: the place named is still the one in the file.
    @Test func aSyntaxErrorAfterAWordIsNamedWhereTheFileHasIt() throws {
        let error = try #require(throws: TemplateError.self) {
            try templates(["index.mustache": "<p>{{t_binder}} {{t_contents}}</p>\n<p>{{t_id}} {{#hasProcedures}}</p>{{/hasIncidents}}\n"])
        }
        #expect(error.description == "templates/index.mustache:2:38: error: sectionCloseNameIncorrect")
    }

    /// As always, templates are named in the order of their names: a syntax error before a file that is not text.
    @Test func aSyntaxErrorIsNamedBeforeALaterFileThatIsNotText() throws {
        var files = TemplateSet.builtInFiles()
        files["aaa.mustache"] = Data("{{#x}}".utf8)
        files["zzz.mustache"] = Data([0xFF, 0xFE])
        let error = try #require(throws: TemplateError.self) { try TemplateSet(files: files) }
        #expect(error.description.hasPrefix("templates/aaa.mustache:1:"), "\(error)")
    }

    /// The pragma Rex puts above every template must not move the line an author is sent to.
    @Test func aSyntaxErrorOnALaterLineNamesThatLine() throws {
        let error = try #require(throws: TemplateError.self) {
            try templates(["index.mustache": "<h1>{{handbookName}}</h1>\n<p>{{#hasProcedures}}</p>{{/hasIncidents}}\n"])
        }
        #expect(error.description.hasPrefix("templates/index.mustache:2:"))
    }

    /// Names are found after a delimiter change and in triple mustaches too, so a misspelling there is refused.
    @Test func aKeyAfterADelimiterChangeOrInATripleMustacheIsChecked() throws {
        for text in ["{{=<% %>=}}<h1><%handbookName%></h1><%handbookTitel%>", "<h1>{{{handbookTitel}}}</h1>"] {
            let error = try #require(throws: TemplateError.self) { try templates(["index.mustache": text]) }
            #expect(error.description == "templates/index.mustache: uses 'handbookTitel', which the page context does not provide")
        }
    }

    /// `{{x}}` escapes the five characters HTML gives meaning to, in a page and in the partials it includes (the
    /// title is in `head` and in the page), even a `<` that carries a combining mark.
    @Test func textIsEscapedInEveryTemplateAndPartial() throws {
        let title = "Arrêt <script>alert('x')</script> & \"go\" <\u{0301}b>"
        let source = flowProcedure.replacingOccurrences(of: "title: Reprise du R&V", with: "title: '\(title.replacingOccurrences(of: "'", with: "''"))'")
        let (renderer, handbook) = try TestHandbook(["procedures/flow.yml": source]).renderer()
        let page = try renderer.procedurePage(try #require(handbook.procedure("flow")))
        let escaped = "Arrêt &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;go&quot; &lt;\u{0301}b&gt;"
        #expect(page.contains("<title>\(escaped)"))
        #expect(page.contains("<h1>\(escaped)</h1>") || page.contains(">\(escaped)</h1>"))
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<\u{0301}b>"))
    }

    @Test func aHandbookOverridesOneTemplateAndKeepsTheOthers() throws {
        let handbook = try TestHandbook(["procedures/flow.yml": flowProcedure])
        try handbook.write("templates/site.css", "body { color: black; }\n")
        let set = try TemplateSet.load(handbookTemplates: handbook.root.appending(path: "templates"), language: "fr")
        #expect(set.assets["site.css"] == Data("body { color: black; }\n".utf8))
        #expect(set.assets["print.css"] == TemplateSet.builtInFiles()["print.css"])
    }

    // MARK: Revision codes

    private func revision(_ text: String) throws -> String {
        let handbook = try TestHandbook(["procedures/flow.yml": text])
        let result = try handbook.load()
        #expect(!result.hasErrors)
        return try #require(result.handbook.procedure("flow")).revision
    }

    @Test func theRevisionCodeChangesWhenTheContentChangesAndOnlyThen() throws {
        let code = try revision(flowProcedure)
        #expect(code.wholeMatch(of: #/[0-9a-f]{8}/#) != nil)
        // Same text, another folder, another day: same code.
        #expect(try revision(flowProcedure) == code)
        // The same text with Windows line endings: same code.
        #expect(try revision(flowProcedure.replacingOccurrences(of: "\n", with: "\r\n")) == code)
        // Any change of content: another code.
        #expect(try revision(flowProcedure.replacingOccurrences(of: "Relever la dose.", with: "Relever la dose !")) != code)
        #expect(try revision(flowProcedure.replacingOccurrences(of: "version: 2", with: "version: 3")) != code)
        #expect(try revision(flowProcedure.replacingOccurrences(of: "unit: Gy", with: "unit: cGy")) != code)
    }

    @Test func anotherFileDoesNotChangeTheRevisionCode() throws {
        let handbook = try TestHandbook(["procedures/flow.yml": flowProcedure])
        let before = try #require(try handbook.load().handbook.procedure("flow")).revision
        try handbook.write("procedures/ok.yml", Sample.procedure)
        try handbook.write("rex.yml", "name: Un autre nom\n")
        let after = try handbook.load()
        #expect(after.handbook.procedure("flow")?.revision == before)
        #expect(after.handbook.procedure("ok")?.revision != before)
    }

    @Test func everyCopyCarriesTheRevisionCode() throws {
        let (renderer, handbook) = try TestHandbook(["procedures/flow.yml": flowProcedure]).renderer()
        let procedure = try #require(handbook.procedure("flow"))
        let code = procedure.revision
        #expect(try renderer.procedurePage(procedure).contains("data-revision=\"\(code)\""))
        #expect(try renderer.checklistPage(procedure, standalone: true).contains(code))
        #expect(try renderer.indexPage().contains(code))
        #expect(ChecklistMarkdown(procedure: procedure, handbook: handbook).render().contains(code))
    }
}
