import Foundation
import Mustache
import Testing
@testable import RexKit

/// The words of a page's language, and the stand-ins of the names its views publish, are written into its templates
/// before swift-mustache parses them; every page is then byte for byte the page rendered with each word looked up as
/// it renders and each name as written, in every language, custom templates included.
@Suite("Words written into templates")
struct WrittenWordsTests {
    private func site(_ handbook: Handbook, files: [String: Data] = TemplateSet.builtInFiles(),
                      writingWords: Bool) throws -> [String: Data] {
        let templates = try TemplateSet(files: files, language: handbook.settings.language, writingWords: writingWords)
        let renderer = PageRenderer(handbook: handbook, templates: templates, today: TestHandbook.today)
        return Dictionary(uniqueKeysWithValues: try SitePlan(renderer: renderer).render().map { ($0.path, $0.data) })
    }

    /// The shipped handbook: French pages, Dutch pages, a French binder with Dutch chapters.
    @Test func everyPageOfTheShippedHandbookIsThePageWithWordsLookedUp() throws {
        let handbook = try HandbookLoader.load(root: repositoryRoot).handbook
        #expect(Set(handbook.procedures.map(\.language)) == ["fr", "nl"])
        let written = try site(handbook, writingWords: true), lookedUp = try site(handbook, writingWords: false)
        #expect(written.keys.sorted() == lookedUp.keys.sorted())
        for (path, data) in written { #expect(data == lookedUp[path], "\(path) differs") }
        let dutch = String(decoding: try #require(written["procedures/rv-downtime-nl.html"]), as: UTF8.self)
        #expect(dutch.contains(try #require(Labels.forLanguage("nl")["t_goTo"])))
    }

    /// Inside the binder's `{{#chapters}}` a word is the chapter's, in its procedure's language: it stays a tag there,
    /// in the binder and in a partial included there, and is written in everywhere else.
    @Test func aWordAmongAChaptersOwnWordsStaysATag() throws {
        let handbook = try HandbookLoader.load(root: repositoryRoot).handbook
        var files = TemplateSet.builtInFiles()
        let binder = String(decoding: try #require(files["binder.mustache"]), as: UTF8.self)
        files["binder.mustache"] = Data(binder.replacingOccurrences(
            of: "{{#chapters}}", with: "{{#chapters}}<p class=\"w\">{{t_binder}}|{{> chapter-word}}</p>").utf8)
        files["chapter-word.mustache"] = Data("{{{t_binder}}}".utf8)
        let written = try site(handbook, files: files, writingWords: true)
        #expect(written == (try site(handbook, files: files, writingWords: false)))
        let page = String(decoding: try #require(written["binder.html"]), as: UTF8.self)
        let french = try #require(Labels.forLanguage("fr")["t_binder"]), dutch = try #require(Labels.forLanguage("nl")["t_binder"])
        #expect(page.contains("<p class=\"w\">\(HTMLEscaping().escapeText(french))|\(french)</p>"))
        #expect(page.contains("<p class=\"w\">\(dutch)|\(dutch)</p>"))
    }

    /// Written in: shown even by a page whose view has no words at all, in the language of the parse asked for.
    @Test func theWordsAreInTheParsedTemplates() throws {
        var files = TemplateSet.builtInFiles()
        files["index.mustache"] = Data("<p>{{t_binder}}</p>".utf8)
        let written = try TemplateSet(files: files), lookedUp = try TemplateSet(files: files, writingWords: false)
        #expect(try written.render("index", NoWords(wordsLanguage: "fr")) == "<p>Classeur d&#39;urgence</p>")
        #expect(try written.render("index", NoWords(wordsLanguage: "nl")) == "<p>Noodmap</p>")
        #expect(try lookedUp.render("index", NoWords(wordsLanguage: "fr")) == "<p></p>")
        // A set that inherits anywhere has none written in: a block is shown where its parent puts it.
        files["callouts.mustache"] = Data("{{$note}}{{/note}}".utf8)
        #expect(try TemplateSet(files: files).render("index", NoWords(wordsLanguage: "fr")) == "<p></p>")
    }

    /// Blocks and a parent named like keys the pages publish (`{{$contents}}`, `{{<steps-parent}}` over a block
    /// `{{$steps}}`), closed by tags of the same names: the set parses, and every page is the page with the templates as
    /// written.
    @Test func blocksNamedLikePublishedKeysKeepTheirNames() throws {
        let handbook = try HandbookLoader.load(root: repositoryRoot).handbook
        var files = TemplateSet.builtInFiles()
        let binder = String(decoding: try #require(files["binder.mustache"]), as: UTF8.self)
        files["binder.mustache"] = Data(binder.replacingOccurrences(
            of: "<h2>{{t_contents}}</h2>", with: "<h2>{{$contents}}{{t_contents}}{{/contents}}</h2>{{<steps}}{{/steps}}").utf8)
        files["steps.mustache"] = Data("<p class=\"s\">{{$steps}}{{handbookName}}{{/steps}}</p>".utf8)
        let written = try site(handbook, files: files, writingWords: true)
        #expect(written == (try site(handbook, files: files, writingWords: false)))
        let page = String(decoding: try #require(written["binder.html"]), as: UTF8.self)
        #expect(page.contains("<p class=\"s\">\(HTMLEscaping().escapeText(handbook.settings.name))</p>"))
    }

    /// A chapter's word in a partial deeper than the key check follows cannot be told from the binder's: no word of
    /// the set is written in, and the Dutch chapters keep their words.
    @Test func partialsDeeperThanTheCheckFollowsWriteNoWordIn() throws {
        let handbook = try HandbookLoader.load(root: repositoryRoot).handbook
        var files = TemplateSet.builtInFiles()
        let binder = String(decoding: try #require(files["binder.mustache"]), as: UTF8.self)
        files["binder.mustache"] = Data(binder.replacingOccurrences(of: "{{#chapters}}", with: "{{#chapters}}{{> deep1}}").utf8)
        for depth in 1...17 { files["deep\(depth).mustache"] = Data("{{> deep\(depth + 1)}}".utf8) }
        files["deep18.mustache"] = Data("<p class=\"w\">{{t_binder}}</p>".utf8)
        let written = try site(handbook, files: files, writingWords: true)
        #expect(written == (try site(handbook, files: files, writingWords: false)))
        let page = String(decoding: try #require(written["binder.html"]), as: UTF8.self)
        #expect(page.contains("<p class=\"w\">Noodmap</p>"))
    }

    /// Only a word shown as it is, escaped or not, is written in; escaped as `{{x}}` escapes it.
    @Test(arguments: [
        ("<b>{{t_x}}</b>", "<b>a &lt;b&gt; &amp; &quot;c&quot;</b>"),
        ("{{{t_x}}} {{& t_x}} {{ t_x }}", "a <b> & \"c\" a <b> & \"c\" a &lt;b&gt; &amp; &quot;c&quot;"),
        ("{{lowercase(t_x)}} {{#t_x}}.{{/t_x}} {{t_y}}", "{{lowercase(t_x)}} {{#t_x}}.{{/t_x}} {{t_y}}"),
        ("{{t_brace}} {{t_line}}", "{{t_brace}} {{t_line}}"),
        ("{{=<% %>=}}<%t_x%> {{t_x}}", "{{=<% %>=}}<%t_x%> {{t_x}}"),
        ("{{t_x}}{{%CONTENT_TYPE: TEXT}}", "{{t_x}}{{%CONTENT_TYPE: TEXT}}"),
        ("{{! {{t_x}} }}", "{{! {{t_x}} }}"),
        // swift-mustache refuses a sign after a space: the template must still be refused.
        ("{{ &t_x}} {{ {t_x}}}", "{{ &t_x}} {{ {t_x}}}"),
        // Spaces and tabs around the name, not a line break.
        ("{{\tt_x }} {{\nt_x}} {{t_x\r\n}}", "a &lt;b&gt; &amp; &quot;c&quot; {{\nt_x}} {{t_x\r\n}}"),
    ])
    func onlyAWordShownAsItIsIsWrittenIn(template: String, expected: String) {
        let words = ["t_x": "a <b> & \"c\"", "t_brace": "{0} pas", "t_line": "a\nb"]
        let written = TemplateLibraries.rewritten(template, words: words, tags: MustacheTags.scan(template),
                                                  shorteningNames: false) { _ in true }
        #expect(written == expected)
    }

    /// A name a view publishes is written as its stand-in (`TagAliases`, `S`: `sections`, `T`: `docTitle`) in every
    /// form that holds the name alone; a name keeps its form wherever a tag that must match another (a section's, a
    /// block's, an inheriting partial's, a closing tag) holds more or cannot take it.
    @Test(arguments: [
        ("{{docTitle}} {{{docTitle}}} {{& docTitle}} {{ docTitle\t}}", "{{T}} {{{T}}} {{&T}} {{T}}"),
        ("{{#sections}}a{{/sections}}{{^ sections }}b{{/ sections}}", "{{#S}}a{{/S}}{{^S}}b{{/S}}"),
        ("{{#lowercase(sections)}}a{{/lowercase(sections)}} {{sections}}",
         "{{#lowercase(sections)}}a{{/lowercase(sections)}} {{sections}}"),
        ("{{$sections}}a{{/sections}} {{sections}}", "{{$sections}}a{{/sections}} {{sections}}"),
        ("{{<sections}}{{$x}}b{{/x}}{{/sections}} {{#sections}}{{/sections}}",
         "{{<sections}}{{$x}}b{{/x}}{{/sections}} {{#sections}}{{/sections}}"),
        ("{{docTitle.x}} {{.docTitle}} {{\ndocTitle}} {{lowercase(docTitle)}} {{notPublished}} {{t_x}} {{> docTitle}}",
         "{{docTitle.x}} {{.docTitle}} {{\ndocTitle}} {{lowercase(docTitle)}} {{notPublished}} {{t_x}} {{> docTitle}}"),
        ("{{=<% %>=}}<%docTitle%> {{docTitle}}", "{{=<% %>=}}<%docTitle%> {{docTitle}}"),
        ("{{ &docTitle}} {{! {{docTitle}} }}", "{{ &docTitle}} {{! {{docTitle}} }}"),
    ])
    func aPublishedNameIsWrittenAsItsStandIn(template: String, expected: String) throws {
        _ = ChecklistDocument.keys
        let title = try #require(TagAliases.alias(of: "docTitle")), sections = try #require(TagAliases.alias(of: "sections"))
        #expect(TagAliases.alias(of: "t_x") == nil && TagAliases.alias(of: "notPublished") == nil)
        let written = TemplateLibraries.rewritten(template, words: [:], tags: MustacheTags.scan(template),
                                                  shorteningNames: true) { _ in true }
        #expect(written == expected.replacing("{{T}}", with: "{{\(title)}}").replacing("{{{T}}}", with: "{{{\(title)}}}")
            .replacing("{{&T}}", with: "{{&\(title)}}").replacing("S}}", with: "\(sections)}}"))
    }
}

extension WrittenWordsTests {
    /// Around a name, where `MustacheTags.scan` leaves only spaces, tabs and line breaks, the trim takes off what
    /// Foundation's `trimmingCharacters(in: .whitespaces)` took off.
    @Test(arguments: [" a ", "\ta\t", "\na", "a\r\n", " \t a b \t", " \n ", "   ", "", "é "])
    func spacesAreTrimmedAsFoundationTrimmedThem(text: String) {
        #expect(text.trimmingSpaces(TemplateLibraries.isNameSpace) == text.trimmingCharacters(in: .whitespaces))
    }
}

/// A page view without a single key, words included, in `wordsLanguage`.
private struct NoWords: TemplateRoot {
    let wordsLanguage: String
    func child(named name: String) -> Any? { nil }
}
