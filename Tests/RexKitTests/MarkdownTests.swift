import Testing
@testable import RexKit

/// cmark behind `Markdown`: safe HTML, smart punctuation, CommonMark and plain text.
@Suite("Markdown")
struct MarkdownTests {
    @Test(arguments: [
        ("[ici](javascript:alert(1))", #"<p><a href="">ici</a></p>"#),
        ("[ici](JavaScript:alert(1))", #"<p><a href="">ici</a></p>"#),
        ("[ici](vbscript:msgbox(1))", #"<p><a href="">ici</a></p>"#),
        ("[ici](data:text/html;base64,PHNjcmlwdD4=)", #"<p><a href="">ici</a></p>"#),
        ("<javascript:alert(1)>", #"<p><a href="">javascript:alert(1)</a></p>"#),
        ("![](javascript:alert(1))", #"<p><img src="" alt="" /></p>"#),
        ("[procédure](../procedures/aria-restore.html#step-close)",
         #"<p><a href="../procedures/aria-restore.html#step-close">procédure</a></p>"#),
    ])
    func dangerousLinksAreEmptied(markdown: String, html: String) {
        #expect(Markdown.html(markdown) == html + "\n")
    }

    @Test func rawHTMLIsOmitted() {
        #expect(Markdown.html("<script>alert(1)</script>") == "<!-- raw HTML omitted -->\n")
        #expect(Markdown.html("a <img src=x onerror=alert(1)> b") == "<p>a <!-- raw HTML omitted --> b</p>\n")
        #expect(Markdown.html("<div onclick=\"x()\">\n\ntexte\n\n</div>")
                == "<!-- raw HTML omitted -->\n<p>texte</p>\n<!-- raw HTML omitted -->\n")
        #expect(Markdown.inlineHTML("Voir <iframe src=\"http://x\"></iframe>")
                == "Voir <!-- raw HTML omitted --><!-- raw HTML omitted -->")
    }

    @Test func textIsEscapedAndPunctuationIsSmart() {
        #expect(Markdown.html("Dose < 2 Gy & \"R&V\"") == "<p>Dose &lt; 2 Gy &amp; “R&amp;V”</p>\n")
        #expect(Markdown.inlineHTML("l'heure -- **même** point...") == "l’heure – <strong>même</strong> point…")
    }

    @Test func inlineHTMLDropsOnlyASingleParagraph() {
        #expect(Markdown.inlineHTML("*un* mot") == "<em>un</em> mot")
        #expect(Markdown.inlineHTML("un\n\ndeux") == "<p>un</p>\n<p>deux</p>\n")
        #expect(Markdown.inlineHTML("- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n")
        #expect(Markdown.inlineHTML("") == "")
    }

    @Test func plainTextKeepsTheWordsOnly() {
        #expect(Markdown.plainText("**Vérifier** le [point](x.html) `12:30`\n\n- un\n- deux <b>gras</b>")
                == "Vérifier le point 12:30 un deux gras")
    }

    @Test func commonMarkNormalises() {
        #expect(Markdown.commonMark("Un *mot*\n===") == "# Un *mot*\n")
    }
}
