import Foundation
import Testing
@testable import RexKit

/// A temporary output folder, removed when released.
final class TemporaryFolder {
    let url = FileManager.default.temporaryDirectory.appending(path: "rex-site-\(UUID().uuidString)")
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// `href` and `src` values of a page (HTML entities for `&` decoded).
func links(in html: String) -> [String] {
    html.matches(of: #/\b(?:href|src)\s*=\s*"([^"]*)"/#.ignoresCase())
        .map { String($0.output.1).replacingOccurrences(of: "&amp;", with: "&") }
}

/// `folder/link` with `.` and `..` resolved, or nil when it climbs out of the site.
func resolve(_ link: String, from folder: String) -> String? {
    var parts = folder.split(separator: "/").map(String.init)
    for part in link.split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
        switch part {
        case ".": continue
        case "..": if parts.popLast() == nil { return nil }
        default: parts.append(part)
        }
    }
    return parts.joined(separator: "/")
}

/// The `id` attributes of a page.
func ids(in html: String) -> Set<String> {
    Set(html.matches(of: #/\bid\s*=\s*"([^"]*)"/#).map { String($0.output.1) })
}

@Suite("Site", .serialized)
struct SiteTests {
    @Test func theShippedHandbookBuildsAndEveryLinkResolves() throws {
        let output = TemporaryFolder()
        let report = try SiteBuilder.build(root: repositoryRoot, output: output.url, today: TestHandbook.today)
        #expect(report.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let files = try #require(report.files)
        let handbook = try #require(report.handbook)
        let site = try snapshot(of: output.url)
        #expect(Set(site.keys) == Set(files + [".rex-site", ".rex-manifest"]))
        for procedure in handbook.procedures {
            #expect(site["procedures/\(procedure.id.value).html"] != nil)
            #expect(site["checklists/\(procedure.id.value).html"] != nil)
        }
        for incident in handbook.incidents {
            #expect(site["incidents/\(incident.id.value).html"] != nil)
        }
        #expect(site["index.html"] != nil && site["binder.html"] != nil)

        var pageIDs: [String: Set<String>] = [:]
        for (path, data) in site where path.hasSuffix(".html") {
            pageIDs[path] = ids(in: String(decoding: data, as: UTF8.self))
        }
        var checked = 0
        for (path, data) in site.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            let folder = path.split(separator: "/").dropLast().joined(separator: "/")
            for link in links(in: html) {
                #expect(!link.isEmpty, "\(path): empty link")
                #expect(!link.contains(":") && !link.hasPrefix("//"), "\(path): '\(link)' is not a relative link")
                guard !link.contains(":"), !link.hasPrefix("//"), !link.isEmpty else { continue }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file = String(parts[0])
                let target = file.isEmpty ? path : resolve(file, from: folder)
                #expect(target.flatMap { site[$0] } != nil, "\(path): '\(link)' leads to '\(target ?? "outside")', which the site does not have")
                guard let target else { continue }
                if parts.count == 2, let targetIDs = pageIDs[target] {
                    #expect(targetIDs.contains(String(parts[1])), "\(path): '\(link)': no id '\(parts[1])' in \(target)")
                }
                checked += 1
            }
        }
        #expect(checked > 20)
    }

    @Test func searchDataLinksResolve() throws {
        let output = TemporaryFolder()
        let report = try SiteBuilder.build(root: repositoryRoot, output: output.url, today: TestHandbook.today)
        let site = try snapshot(of: output.url)
        let handbook = try #require(report.handbook)
        func value(_ name: String, in path: String) throws -> Any {
            let script = String(decoding: try #require(site[path], "\(path)"), as: UTF8.self)
            let line = try #require(script.split(separator: "\n").first { $0.hasPrefix("window.\(name) = ") })
            return try JSONSerialization.jsonObject(with: Data(line.dropFirst("window.\(name) = ".count).dropLast().utf8))
        }
        // Every page, in the handbook's order; each document's entries, its page's own entry first, in the file its
        // id names.
        let pages = try #require(try value("REX_SEARCH_PAGES", in: "assets/search-data.js") as? [String])
        #expect(pages == handbook.procedures.map { SitePaths.procedurePage($0.id.value) }
                + handbook.incidents.map { SitePaths.incidentPage($0.id.value) })
        let files = try #require(try value("REX_SEARCH_FILES", in: "assets/search-data.js") as? [Int])
        #expect(files.count > 1 && files == files.sorted())
        var entries: [[String: Any]] = []
        for number in files {
            let documents = try #require(try value("REX_SEARCH_PARTS[\(number)]", in: SearchIndex.path(ofFile: number))
                                         as? [[[String: Any]]])
            for document in documents {
                let page = try #require(document.first?["url"] as? String)
                #expect(SearchIndex.file(ofDocument: String(page.split(separator: "/")[1].dropLast(".html".count))) == number)
                entries += document
            }
        }
        #expect(site.keys.filter { $0.hasPrefix("assets/search-entries-") }.sorted()
                == files.map(SearchIndex.path(ofFile:)).sorted(), "no other entries file")
        let steps = handbook.procedures.reduce(0) { $0 + $1.allSteps.count }
        #expect(entries.count == handbook.procedures.count + steps + handbook.incidents.count)
        for entry in entries {
            let url = try #require(entry["url"] as? String)
            let parts = url.split(separator: "#", maxSplits: 1)
            let page = String(decoding: try #require(site[String(parts[0])], "\(url)"), as: UTF8.self)
            if parts.count == 2 { #expect(ids(in: page).contains(String(parts[1])), "\(url)") }
        }
    }

    /// The folders a build makes and keeps: the first part of a path with more than one, empty parts skipped. A name
    /// starting with a combining accent is split at its slash as the file system splits it (split on characters
    /// before, the slash and the accent were one character).
    @Test func aSitesFoldersAreItsPathsFirstParts() {
        let paths = ["index.html", "procedures/a.html", "procedures/b.html", "incidents/rex-é.html", "assets/x/y.css",
                     "/top.html", "odd//deep.html", "trailing/", "accent/\u{301}x.html"]
        #expect(SiteFiles.folders(of: paths) == ["procedures", "incidents", "assets", "odd", "accent"])
    }

    @Test func noPageReferencesAnExternalResource() throws {
        let output = TemporaryFolder()
        _ = try SiteBuilder.build(root: repositoryRoot, output: output.url, today: TestHandbook.today)
        for (path, data) in try snapshot(of: output.url) {
            let text = String(decoding: data, as: UTF8.self)
            if path.hasSuffix(".html") {
                for link in links(in: text) {
                    #expect(!link.lowercased().hasPrefix("http:") && !link.lowercased().hasPrefix("https:")
                            && !link.hasPrefix("//"), "\(path): \(link)")
                }
                #expect(text.firstMatch(of: #/url\(\s*['"]?\s*(https?:|\/\/)/#.ignoresCase()) == nil, "\(path)")
                #expect(text.contains("Content-Security-Policy"), "\(path) has no CSP")
            }
            if path.hasSuffix(".css") {
                #expect(!text.contains("@import"), "\(path)")
                #expect(text.firstMatch(of: #/url\(\s*['"]?\s*(https?:|\/\/)/#.ignoresCase()) == nil, "\(path)")
            }
            if path.hasSuffix(".js") {
                // Pages opened from file:// cannot fetch: no network call, no dynamic import.
                for call in ["fetch(", "XMLHttpRequest", "import(", "WebSocket", "EventSource", "sendBeacon"] {
                    #expect(!text.contains(call), "\(path) uses \(call)")
                }
            }
        }
    }

    @Test func buildingTwiceGivesTheSameBytes() throws {
        let first = TemporaryFolder(), second = TemporaryFolder()
        _ = try SiteBuilder.build(root: repositoryRoot, output: first.url, today: TestHandbook.today)
        _ = try SiteBuilder.build(root: repositoryRoot, output: second.url, today: TestHandbook.today)
        #expect(try snapshot(of: first.url) == snapshot(of: second.url))
    }

    @Test func aFailedBuildLeavesThePreviousSiteByteForByte() throws {
        let handbook = try Sample.handbook(["procedures/flow.yml": flowProcedure])
        let output = handbook.root.appending(path: "site")
        let good = try SiteBuilder.build(root: handbook.root, output: output, today: TestHandbook.today)
        #expect(good.files != nil)
        let before = try snapshot(of: output)
        #expect(before["procedures/flow.html"] != nil)

        try handbook.write("procedures/flow.yml", flowProcedure.replacingOccurrences(of: "version: 2", with: "version: deux"))
        try handbook.write("procedures/ok.yml", "")
        let bad = try SiteBuilder.build(root: handbook.root, output: output, today: TestHandbook.today)
        #expect(bad.files == nil)
        #expect(bad.diagnostics.errorCount == 2)
        #expect(try snapshot(of: output) == before)
        // Nothing half-written next to it either.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: handbook.root.path)
        #expect(siblings.sorted() == [".site.rex-cache", "incidents", "procedures", "rex.yml", "site"])
    }

    @Test func aSuccessfulRebuildReplacesTheWholeSite() throws {
        let handbook = try Sample.handbook(["procedures/flow.yml": flowProcedure])
        let output = handbook.root.appending(path: "site")
        _ = try SiteBuilder.build(root: handbook.root, output: output, today: TestHandbook.today)
        try FileManager.default.removeItem(at: handbook.root.appending(path: "procedures/flow.yml"))
        let report = try SiteBuilder.build(root: handbook.root, output: output, today: TestHandbook.today)
        #expect(report.files != nil)
        let site = try snapshot(of: output)
        #expect(site["procedures/flow.html"] == nil)
        #expect(site["procedures/ok.html"] != nil)
        // Beside it, the site it replaced, kept for the next build (its staging folder), and no other.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: handbook.root.path)
        #expect(siblings.sorted() == [".site.rex-cache", ".site.rex-kept", "incidents", "procedures", "rex.yml", "site"])
    }

    @Test func aFolderRexDidNotWriteIsNeverReplaced() throws {
        let handbook = try Sample.handbook([:])
        try handbook.write("site/notes.txt", "mes notes")
        let output = handbook.root.appending(path: "site")
        #expect(throws: EnvironmentError.self) {
            try SiteBuilder.build(root: handbook.root, output: output, today: TestHandbook.today)
        }
        #expect(try snapshot(of: output) == ["notes.txt": Data("mes notes".utf8)])
    }

    @Test func theSitePlanListsEveryPage() throws {
        let (renderer, _) = try Sample.handbook(["procedures/flow.yml": flowProcedure]).renderer()
        let paths = Set(SitePlan(renderer: renderer).paths)
        for page in ["index.html", "binder.html", "procedures/flow.html", "checklists/flow.html", "procedures/ok.html",
                     "checklists/ok.html", "incidents/rex-ok.html", "assets/search-data.js", "assets/site.css",
                     "assets/print.css", "assets/runner-core.js", "assets/search.js"] {
            #expect(paths.contains(page), "\(page)")
        }
        // Every built-in asset (the runner's parts included, however many) is written.
        for asset in try TemplateSet.builtIn().assets.keys {
            #expect(paths.contains("assets/\(asset)"), "assets/\(asset)")
        }
    }
}
