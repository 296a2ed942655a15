import Foundation
import Testing
@testable import RexKit

/// Text that leaves Rex inside another language — a CSS string printed on every sheet, a field of the site's
/// manifest — is escaped byte by byte (`ByteEscapes`), and left as it is when nothing needs escaping.
@Suite("Byte escapes")
struct ByteEscapesTests {
    @Test func aPrintedHeaderCannotEndItsCSSStringNorTheStyleElement() {
        let css = PrintPageCSS(handbookName: "Radiothérapie", today: TestHandbook.today)
            .rules(title: "Reliure \"B\" \\ <style>", language: "fr")
        #expect(css.contains(#"content: "Radiothérapie\A Reliure \"B\" \\ \3C style>";"#))
        #expect(!css.contains("<style"))
    }

    @Test func manifestFieldsWithTabsLineBreaksAndBackslashesReadBackAsWritten() throws {
        let location = SourceLocation(path: "procedures/a\tb.yml", line: 3, column: 7)
        let manifest = BuildManifest(sources: "s", today: "2026-12-05", timeZone: "Europe/Brussels", procedures: 1,
                                     incidents: 0,
                                     diagnostics: [Diagnostic(.warning, "line one\nline \\two\r", at: location,
                                                              rule: "r", suggestion: "-"),
                                                   Diagnostic(.error, "plain", at: location, rule: "r")],
                                     files: ["a\\b.html": BuildManifest.Entry(key: "k", content: "c", size: 1)])
        let folder = FileManager.default.temporaryDirectory.appending(path: "rex-manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let data = manifest.data()
        #expect(String(decoding: data, as: UTF8.self).contains("line one\\nline \\\\two\\r"))
        try data.write(to: folder.appending(path: BuildManifest.name))
        #expect(BuildManifest.read(from: folder) == manifest)
    }
}
