import Foundation
import Testing
@testable import RexKit
#if canImport(Glibc)
import Glibc
#endif

/// An approved procedure (so it is in the binder) whose one step says `step`.
func approvedProcedure(_ id: String, title: String, step: String = "Relever l'heure.", incidents: String = "[]") -> String {
    """
    id: \(id)
    title: \(title)
    kind: downtime
    version: 1
    status: approved
    owner: Qualité
    approved_by: Radiophysicien chef
    effective: 2025-01-01
    review_by: 2030-01-01
    when: Le R&V est indisponible.
    incidents: \(incidents)
    sections:
      - title: Pendant l'arrêt
        steps:
          - id: note
            do: \(step)
    """
}

/// An incident that names `alpha` as the procedure its action changed.
let incidentAnsweredByAlpha = """
    id: rex-a
    title: Incident A
    event_class: near-miss
    occurred: 2024-05-02
    status: closed
    synopsis: Rien de grave.
    actions:
      - { text: Écrire la procédure., status: done, procedure: alpha }
    """

/// What `rsync` looks at, and more: a file's bytes, inode and modification time (not its status-change time,
/// which a new hard link to it moves).
struct FileState: Equatable {
    var data: Data
    var inode: UInt64
    var modified: Int64
}

func fileStates(_ folder: URL) throws -> [String: FileState] {
    try snapshot(of: folder).reduce(into: [:]) { states, entry in
        let stamp = FileStamp(path: folder.path + "/" + entry.key)!
        states[entry.key] = FileState(data: entry.value, inode: stamp.inode, modified: stamp.modified)
    }
}

/// The paths whose bytes, inode or modification time differ between two states of a folder (or that one lacks).
func changedPaths(_ before: [String: FileState], _ after: [String: FileState]) -> Set<String> {
    Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
}

@Suite("Incremental builds", .serialized)
struct IncrementalBuildTests {
    private func handbook() throws -> TestHandbook {
        try TestHandbook([
            "procedures/alpha.yml": approvedProcedure("alpha", title: "Alpha", incidents: "[rex-a]"),
            "procedures/beta.yml": approvedProcedure("beta", title: "Beta"),
            "incidents/rex-a.yml": incidentAnsweredByAlpha,
        ])
    }

    private func build(_ handbook: TestHandbook, into output: URL, today: LocalDate = TestHandbook.today,
                       session: BuildSession? = nil) throws -> BuildReport {
        handbook.settle()  // as a QA officer's files are, moments after a save: what a build keeps is then trusted
        let report = try SiteBuilder.build(root: handbook.root, output: output, today: today, session: session)
        #expect(report.files != nil, "\(report.diagnostics)")
        // What the manifest records of each file is how the file now is: else the next build would make it again.
        for (path, entry) in BuildManifest.read(from: output)?.files ?? [:]
        where !entry.isPlaced(as: FileStamp(path: output.path + "/" + path)) {
            Issue.record("\(path) is not as the manifest records it")
        }
        return report
    }

    /// The site a build from nothing of the handbook as it now is makes: what every rebuild must equal.
    private func fromNothing(_ handbook: TestHandbook, today: LocalDate = TestHandbook.today) throws -> [String: Data] {
        let full = TemporaryFolder()
        _ = try build(handbook, into: full.url, today: today)
        return try snapshot(of: full.url)
    }

    /// The search entries file a document's entries go to.
    private func entriesFile(of id: String) -> String {
        SearchIndex.path(ofFile: SearchIndex.file(ofDocument: id))
    }

    @Test func aSecondBuildWithNoChangeWritesNoFile() throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site")
        _ = try build(handbook, into: site)
        let before = try fileStates(site)
        let again = try build(handbook, into: site)
        #expect(again.written == [])
        #expect(again.handbook == nil, "nothing changed: no handbook file is even read")
        #expect(try fileStates(site) == before)

        // Saved again without a change (a new modification time): no page is written either.
        try handbook.write("procedures/beta.yml", approvedProcedure("beta", title: "Beta"))
        let touched = try build(handbook, into: site)
        #expect(touched.written == [])
        #expect(changedPaths(before, try fileStates(site)) == [".rex-manifest"])
    }

    /// A build that found a source changed moments ago cannot tell a later save within the same tick from no
    /// change (`FileStamp.isSettled(at:)`): the next build does not stop at the stamps, and reads that file again.
    @Test func theBuildAfterOneThatSawAnUnsettledSourceLooksAgain() throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site")
        _ = try build(handbook, into: site)
        #expect(try build(handbook, into: site).handbook == nil, "settled and unchanged: the stamps suffice")
        // Ahead of the clock, the file's times stay unsettled for the whole test.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)],
                                              ofItemAtPath: handbook.root.appending(path: "procedures/beta.yml").path)
        let before = try fileStates(site)
        for _ in 0..<2 {
            let again = try build(handbook, into: site)
            #expect(again.handbook != nil, "the handbook is read, not taken as it was")
            #expect(again.written == [], "its content did not change: no page is written")
        }
        #expect(changedPaths(before, try fileStates(site)).isSubset(of: [".rex-manifest"]))
    }

    @Test func aOneProcedureChangeRewritesExactlyItsPageItsChecklistTheBinderTheIndexAndTheSearchData() throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site")
        _ = try build(handbook, into: site)
        let before = try fileStates(site)
        try handbook.write("procedures/beta.yml", approvedProcedure("beta", title: "Beta", step: "Relever l'heure exacte."))
        let report = try build(handbook, into: site)
        // The search data: its first file (the revision codes) and the entries file beta's entries are in.
        let expected: Set = ["procedures/beta.html", "checklists/beta.html", "binder.html", "index.html",
                             "assets/search-data.js", entriesFile(of: "beta")]
        #expect(Set(report.written) == expected)
        #expect(changedPaths(before, try fileStates(site)) == expected.union([".rex-manifest"]))
    }

    /// The binder is written anew whenever anything of the handbook changed; when its bytes come out the same, the
    /// previous file is kept in its place (same inode and time), so `rsync` does not copy 20 MB again.
    @Test func aChangeTheBinderDoesNotShowLeavesTheBinderFileAsItWas() throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site")
        _ = try build(handbook, into: site)
        let before = try fileStates(site)
        try handbook.write("incidents/rex-a.yml",
                           incidentAnsweredByAlpha.replacingOccurrences(of: "Rien de grave.", with: "Rien de grave, au final."))
        let report = try build(handbook, into: site)
        let changed = changedPaths(before, try fileStates(site))
        #expect(changed.contains("incidents/rex-a.html")
                && changed.contains(entriesFile(of: "rex-a")))
        #expect(!changed.contains("assets/search-data.js"), "no revision code or page changed")
        #expect(!changed.contains("binder.html") && !report.written.contains("binder.html"))
    }

    /// A binder template may show more of a chapter than its id and HTML: the build let each procedure's view go
    /// after its page and checklist, and the binder's template still reads it.
    @Test func aBinderTemplateShowingAChaptersTitleGetsIt() throws {
        let handbook = try handbook()
        let binder = String(decoding: try #require(TemplateSet.builtInFiles()["binder.mustache"]), as: UTF8.self)
        try handbook.write("templates/binder.mustache", binder.replacingOccurrences(
            of: "{{{chapterHTML}}}", with: "<p class=\"shown\">{{docTitle}} · {{docTitle}}</p>{{{chapterHTML}}}"))
        let site = handbook.root.appending(path: "site")
        _ = try build(handbook, into: site)
        let page = try String(contentsOf: site.appending(path: "binder.html"), encoding: .utf8)
        #expect(page.contains("<p class=\"shown\">Alpha · Alpha</p>"))
        #expect(page.contains("<p class=\"shown\">Beta · Beta</p>"))
    }

    /// Each change, built on the previous site — by separate builds, or by one `--watch` session that keeps what
    /// it loaded and rendered — gives the very bytes a build into an empty folder gives.
    @Test(arguments: [false, true])
    func incrementalOutputIsByteIdenticalToAFullBuild(watching: Bool) throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site")
        let session = watching ? BuildSession() : nil
        _ = try build(handbook, into: site, session: session)
        let changes: [(String, () throws -> Void)] = [
            ("a step's text", { try handbook.write("procedures/alpha.yml", approvedProcedure("alpha", title: "Alpha",
                                                                                              step: "Noter.", incidents: "[rex-a]")) }),
            ("a title other pages show", { try handbook.write("procedures/alpha.yml", approvedProcedure("alpha",
                                                                                                        title: "Alpha bis", incidents: "[rex-a]")) }),
            ("an incident's title", { try handbook.write("incidents/rex-a.yml",
                                                         incidentAnsweredByAlpha.replacingOccurrences(of: "Incident A", with: "Incident A'")) }),
            ("a new procedure", { try handbook.write("procedures/gamma.yml", approvedProcedure("gamma", title: "Gamma")) }),
            ("a removed procedure", { try FileManager.default.removeItem(at: handbook.root.appending(path: "procedures/beta.yml")) }),
            ("rex.yml", { try handbook.write("rex.yml", "name: Un autre manuel\n") }),
            ("a template", { try handbook.write("templates/foot.mustache",
                                                String(decoding: TemplateSet.builtInFiles()["foot.mustache"]!, as: UTF8.self) + "<!-- -->\n") }),
            ("the same template again", { try handbook.write("templates/foot.mustache",
                                                             String(decoding: TemplateSet.builtInFiles()["foot.mustache"]!, as: UTF8.self) + "<!-- 2 -->\n") }),
        ]
        for (what, change) in changes {
            try change()
            _ = try build(handbook, into: site, session: session)
            #expect(try snapshot(of: site) == fromNothing(handbook), "after \(what)")
        }
        // Another day (review dates, printed dates): the same again.
        let tomorrow = LocalDate(year: 2026, month: 1, day: 16)!
        _ = try build(handbook, into: site, today: tomorrow, session: session)
        #expect(try snapshot(of: site) == fromNothing(handbook, today: tomorrow), "another day")
    }

    /// After a rebuild, the manifest records each file with parts as it now is — the search entries files the rebuild
    /// took from the previous site by a link too — so that the next build reads their parts without hashing them. One
    /// altered by hand is not kept for its key: it is made again.
    @Test func aRebuildRecordsTheFilesWithPartsAsItLeftThemAndMakesAgainOneAlteredByHand() throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site")
        _ = try build(handbook, into: site)
        let alpha = entriesFile(of: "alpha")
        try #require(alpha != entriesFile(of: "beta"))
        try handbook.write("procedures/beta.yml", approvedProcedure("beta", title: "Beta", step: "Relever l'heure exacte."))
        let report = try build(handbook, into: site)
        #expect(!report.written.contains(alpha), "alpha's entries file is taken from the previous site")
        let manifest = try #require(BuildManifest.read(from: site))
        #expect(manifest.parts.keys.contains(alpha) && manifest.parts.count > 3)
        for path in manifest.parts.keys {
            #expect(manifest.files[path]?.isPlaced(as: FileStamp(path: site.appending(path: path).path)) == true, "\(path)")
        }
        // Altered in place, its size kept: the next build finds it not as recorded, and makes it again.
        let file = site.appending(path: alpha)
        try alterInPlace(file.path, "Alpha", with: "ALPHA")
        try handbook.write("procedures/beta.yml", approvedProcedure("beta", title: "Beta", step: "Relever l'heure."))
        #expect(try build(handbook, into: site).written.contains(alpha))
        #expect(try snapshot(of: site) == fromNothing(handbook))
        let after = try #require(BuildManifest.read(from: site))
        #expect(after.files[alpha]?.isPlaced(as: FileStamp(path: file.path)) == true)
    }

    /// A `--watch` session records each file with parts it keeps as it is, so that the one-off build after it need
    /// not hash them.
    @Test func aWatchSessionRecordsTheFilesWithPartsItKept() throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site")
        let session = BuildSession()
        _ = try build(handbook, into: site, session: session)
        try handbook.write("procedures/beta.yml", approvedProcedure("beta", title: "Beta", step: "Relever l'heure exacte."))
        let report = try build(handbook, into: site, session: session)
        let manifest = try #require(BuildManifest.read(from: site))
        let kept = manifest.parts.keys.filter { !report.written.contains($0) }
        #expect(!kept.isEmpty)
        for path in manifest.parts.keys {
            #expect(manifest.files[path]?.isPlaced(as: FileStamp(path: site.appending(path: path).path)) == true, "\(path)")
        }
    }

    /// A file with parts whose key changed but whose bytes did not is linked back from the previous site only when
    /// that file is as recorded: a binder altered by hand (its size kept) is written anew, not linked back.
    @Test func aFileWithPartsAlteredByHandIsNotLinkedBackForItsRecordedBytes() throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site")
        _ = try build(handbook, into: site)
        try alterInPlace(site.appending(path: "binder.html").path, "Alpha", with: "ALPHA")
        // An incident's words: the binder's key changes (it is made from every document), not its bytes.
        try handbook.write("incidents/rex-a.yml",
                           incidentAnsweredByAlpha.replacingOccurrences(of: "Rien de grave.", with: "Rien de grave, au final."))
        #expect(try build(handbook, into: site).written.contains("binder.html"))
        #expect(try snapshot(of: site) == fromNothing(handbook))
    }

    /// A file of the site altered since the build that wrote it — in place at the same size (a dose's digit), or put
    /// back from an altered copy with the same size and times — is not kept, nor is a file added to the site: the next
    /// build makes the site again, whether or not a source changed, in a new process and under `--watch` alike.
    /// Before, a page whose key and size were unchanged was kept for good, and a build with no source changed kept
    /// whatever the site held.
    @Test(arguments: [false, true])
    func aSiteAlteredSinceItsBuildIsMadeAgainByTheNextBuild(watching: Bool) throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site")
        let session = watching ? BuildSession() : nil
        _ = try build(handbook, into: site, session: session)

        // In place (the same inode), the same size: only its modification time tells. A page, and the binder.
        for path in ["procedures/beta.html", "binder.html"] {
            try alterInPlace(site.appending(path: path).path, "Beta", with: "BETA")
            let again = try build(handbook, into: site, session: session)
            #expect(again.written == [path])
            #expect(try snapshot(of: site) == fromNothing(handbook), "\(path) altered, no source changed")
        }

        // An altered copy put in its place with the size and times the build left: only its inode tells.
        let page = site.appending(path: "procedures/beta.html").path, copy = page + ".copy"
        let left = try #require(FileStamp(path: page))
        try FileManager.default.copyItem(atPath: page, toPath: copy)
        try alterInPlace(copy, "Beta", with: "BETA")
        let time = timespec(tv_sec: Int(left.modified / 1_000_000_000), tv_nsec: Int(left.modified % 1_000_000_000))
        #expect(utimensat(AT_FDCWD, copy, [time, time], 0) == 0 && rename(copy, page) == 0)
        #expect(FileStamp(path: page).map { $0.size == left.size && $0.modified == left.modified } == true)
        try handbook.write("procedures/alpha.yml", approvedProcedure("alpha", title: "Alpha", step: "Noter.", incidents: "[rex-a]"))
        #expect(try build(handbook, into: site, session: session).written.contains("procedures/beta.html"))
        #expect(try snapshot(of: site) == fromNothing(handbook), "another source changed")

        // A file added (an old page put back): no source changed, yet the build makes the site again, without it.
        try FileManager.default.copyItem(atPath: page, toPath: site.appending(path: "procedures/gamma.html").path)
        #expect(try build(handbook, into: site, session: session).handbook != nil, "the build does not stop at the stamps")
        #expect(try snapshot(of: site) == fromNothing(handbook), "a file added")

        // As left: the next build stops at the stamps again.
        #expect(try build(handbook, into: site, session: session).handbook == nil)
    }

    /// The site a build replaces is kept beside the new one (`.site.rex-kept`) and the next build puts its site
    /// together there: of what that folder holds, only the files that are the previous site's own (links to them, as
    /// their build left them) stay. A file there altered, replaced, added or left over from a removed document never
    /// reaches the site; the files a change leaves alone keep their bytes, inode and modification time.
    @Test(arguments: [false, true])
    func aRebuildPutsTheSiteTogetherInTheOneItReplacedAndTakesNothingElseFromIt(watching: Bool) throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site"), kept = handbook.root.appending(path: ".site.rex-kept")
        let session = watching ? BuildSession() : nil
        _ = try build(handbook, into: site, session: session)
        #expect(!FileManager.default.fileExists(atPath: kept.path), "a first build replaces no site")
        try handbook.write("procedures/alpha.yml", approvedProcedure("alpha", title: "Alpha", step: "Noter.", incidents: "[rex-a]"))
        _ = try build(handbook, into: site, session: session)
        let replaced = try snapshot(of: kept)
        #expect(replaced["procedures/alpha.html"].map { String(decoding: $0, as: UTF8.self).contains("Relever") } == true,
                "the kept folder is the site before the change")

        // What a hand did there: a page replaced by another file, a page and a folder added, the incidents' folder
        // replaced by a link to a folder elsewhere (what is there is not the build's to remove).
        try FileManager.default.removeItem(at: kept.appending(path: "procedures/beta.html"))
        try handbook.write(".site.rex-kept/procedures/beta.html", "<p>Bêta, falsifiée</p>")
        try handbook.write(".site.rex-kept/procedures/gamma.html", "<p>Gamma</p>")
        try handbook.write(".site.rex-kept/notes/lisez-moi.txt", "à moi")
        try FileManager.default.removeItem(at: kept.appending(path: "incidents"))
        try handbook.write("ailleurs/rex-a.html", "<p>à moi aussi</p>")
        try FileManager.default.createSymbolicLink(at: kept.appending(path: "incidents"),
                                                   withDestinationURL: handbook.root.appending(path: "ailleurs"))
        // A checklist and the marker replaced by symbolic links to the site's own, a folder closed to others.
        for path in ["checklists/beta.html", SiteWriter.marker] {
            try FileManager.default.removeItem(at: kept.appending(path: path))
            try FileManager.default.createSymbolicLink(at: kept.appending(path: path), withDestinationURL: site.appending(path: path))
        }
        for folder in [kept, kept.appending(path: "procedures")] {
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
        }
        let before = try fileStates(site)
        try handbook.write("procedures/alpha.yml", approvedProcedure("alpha", title: "Alpha", step: "Noter l'heure.", incidents: "[rex-a]"))
        let third = try build(handbook, into: site, session: session)
        #expect(try snapshot(of: site) == fromNothing(handbook))
        let unchanged = Set(before.keys).subtracting(third.written + [BuildManifest.name])
        #expect(try fileStates(site).filter { unchanged.contains($0.key) } == before.filter { unchanged.contains($0.key) })
        #expect(third.written.contains("procedures/alpha.html") && !third.written.contains("procedures/beta.html"))
        #expect(try snapshot(of: handbook.root.appending(path: "ailleurs")) == ["rex-a.html": Data("<p>à moi aussi</p>".utf8)])
        let fresh = TemporaryFolder()
        _ = try build(handbook, into: fresh.url)
        for path in ["", "procedures", "checklists/beta.html", SiteWriter.marker] {
            let attributes = try FileManager.default.attributesOfItem(atPath: site.appending(path: path).path)
            let expected = try FileManager.default.attributesOfItem(atPath: fresh.url.appending(path: path).path)
            #expect(attributes[.type] as? FileAttributeType == expected[.type] as? FileAttributeType, "\(path)")
            #expect(attributes[.posixPermissions] as? Int == expected[.posixPermissions] as? Int, "\(path)")
        }

        // A document removed: its page, in the folder kept, does not come back.
        try FileManager.default.removeItem(at: handbook.root.appending(path: "procedures/beta.yml"))
        _ = try build(handbook, into: site, session: session)
        #expect(try snapshot(of: site) == fromNothing(handbook))
        #expect(try snapshot(of: site)["procedures/beta.html"] == nil)
    }

    /// What is swapped in has the files the manifest records and no other: a file of the staging folder removed, or
    /// one added, while the build runs (a hand deleting the site the last build replaced as a build takes it) stops
    /// the build before the swap, the site left as it was.
    @Test(arguments: ["removed", "added"])
    func aStagingFolderChangedDuringTheBuildIsNotSwappedIn(change: String) throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site")
        _ = try build(handbook, into: site)
        try handbook.write("procedures/alpha.yml", approvedProcedure("alpha", title: "Alpha", step: "Noter.", incidents: "[rex-a]"))
        _ = try build(handbook, into: site)  // the next build takes the site this one replaced
        let before = try fileStates(site)
        try handbook.write("procedures/alpha.yml", approvedProcedure("alpha", title: "Alpha", step: "Noter l'heure.", incidents: "[rex-a]"))
        let result = try handbook.load()
        let renderer = PageRenderer(handbook: result.handbook, templates: try TemplateSet.builtIn(), today: TestHandbook.today)
        let staging = StagingFolders.staging(for: site).path
        #expect(throws: EnvironmentError.self) {
            try SiteWriter.write(SitePlan(renderer: renderer), to: site, previous: BuildManifest.read(from: site)) { outcome in
                switch change {
                case "removed": unlink(staging + "/procedures/beta.html")
                default: _ = FileManager.default.createFile(atPath: staging + "/procedures/gamma.html", contents: Data("<p>Gamma".utf8))
                }
                return BuildManifest(sources: "", today: "", timeZone: "", procedures: 0, incidents: 0, diagnostics: [],
                                     files: outcome.files, parts: outcome.parts)
            }
        }
        #expect(try fileStates(site) == before)
        #expect(!FileManager.default.fileExists(atPath: staging))
    }

    /// Writes `replacement` over the first `text` in the file at `path`, in place: the same inode and size, a later
    /// modification time (once the file's own is past the clock's tick).
    private func alterInPlace(_ path: String, _ text: String, with replacement: String) throws {
        waitUntilSettled([path])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let offset = try #require(bytes.firstRange(of: Data(text.utf8))).lowerBound
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: Data(replacement.utf8))
    }

    /// A new `rex build-site` takes the chapters of the binder (and the search entries) it did not change from the
    /// site it replaces, by key — but only from a file whose bytes are the ones that site's manifest recorded. The
    /// binder is altered in a new file, or in place (the same inode and size: only its times tell).
    @Test(arguments: [(false, false), (true, false), (false, true)])
    func aNewBuildTakesUnchangedChaptersFromThePreviousSiteOnlyWhenItsBytesAreTheRecordedOnes(recorded: Bool,
                                                                                             inPlace: Bool) throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site")
        _ = try build(handbook, into: site)
        // Alpha's chapter altered in the binder, without changing its length; with its hash recorded or not.
        let binder = site.appending(path: "binder.html")
        let manifest = try #require(BuildManifest.read(from: site))
        #expect(manifest.files["binder.html"]?.isPlaced(as: FileStamp(path: binder.path)) == true, "the binder as written")
        let entries = entriesFile(of: "alpha")
        #expect(manifest.files[entries]?.isPlaced(as: FileStamp(path: site.appending(path: entries).path)) == true)
        let part = try #require(manifest.parts["binder.html"]?.first { $0.length > 0 })
        var bytes = try Data(contentsOf: binder)
        let chapter = String(decoding: bytes[part.offset ..< part.offset + part.length], as: UTF8.self)
        #expect(chapter.contains("binder-alpha") || chapter.contains("Alpha"), "the part is alpha's chapter")
        let altered = Data(chapter.replacingOccurrences(of: "Relever", with: "RELEVER").utf8)
        #expect(altered.count == part.length && altered != Data(chapter.utf8))
        bytes.replaceSubrange(part.offset ..< part.offset + part.length, with: altered)
        if inPlace {
            waitUntilSettled([binder.path])  // past the clock tick the build wrote the binder in
            let handle = try FileHandle(forWritingTo: binder)
            try handle.write(contentsOf: bytes)
            try handle.close()
            #expect(FileStamp(path: binder.path)?.inode == manifest.files["binder.html"]?.placed?.inode)
        } else {
            try SiteFiles.replace(binder.path, with: bytes)
        }
        if recorded { try record(altered, as: part, of: "binder.html", bytes: bytes, in: site, manifest: manifest) }
        try handbook.write("procedures/beta.yml", approvedProcedure("beta", title: "Beta", step: "Relever l'heure exacte."))
        _ = try build(handbook, into: site)
        let rebuilt = String(decoding: try Data(contentsOf: binder), as: UTF8.self)
        #expect(rebuilt.contains("RELEVER") == recorded)
        #expect(rebuilt.contains("heure exacte."), "beta's chapter is rendered anew")
    }

    /// The manifest of `site` as `manifest`, with the part `part` of the file at `path` (now `bytes`) recorded as
    /// `altered`: the part's hash and the file's (`BuildManifest.ContentHash`: by its parts).
    private func record(_ altered: Data, as part: BuildManifest.Part, of path: String, bytes: Data, in site: URL,
                        manifest: BuildManifest) throws {
        var manifest = manifest
        let parts = try #require(manifest.parts[path]).map {
            $0 == part ? BuildManifest.Part(key: $0.key, offset: $0.offset, bytes: altered) : $0
        }
        var pieces = Pieces(), offset = 0
        for part in parts {
            pieces.append(bytes[offset ..< part.offset])
            pieces.append(bytes[part.offset ..< part.offset + part.length], keptAs: part.key)
            offset = part.offset + part.length
        }
        pieces.append(bytes[offset...])
        manifest.parts[path] = parts
        manifest.files[path]?.content = BuildManifest.Entry(key: "", bytes: pieces).content
        try SiteFiles.replace(site.appending(path: BuildManifest.name).path, with: manifest.data())
    }

    /// A new `rex build-site` takes the index rows of unchanged documents from the index it replaces, as it takes
    /// binder chapters: a row altered in the old file, with its hash recorded, comes back as it is; the changed
    /// procedure's row is rendered anew.
    @Test func aNewBuildTakesTheIndexRowsOfUnchangedDocumentsFromThePreviousIndex() throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site")
        _ = try build(handbook, into: site)
        let index = site.appending(path: "index.html")
        let manifest = try #require(BuildManifest.read(from: site))
        let parts = try #require(manifest.parts["index.html"])
        #expect(parts.count == 3, "two procedures' rows and an incident's")
        var bytes = try Data(contentsOf: index)
        let rows = parts.map { String(decoding: bytes[$0.offset ..< $0.offset + $0.length], as: UTF8.self) }
        let alpha = try #require(parts.indices.first { rows[$0].contains("data-index-procedure=\"alpha\"") })
        let beta = try #require(parts.indices.first { rows[$0].contains("data-index-procedure=\"beta\"") })
        let altered = Data(rows[alpha].replacingOccurrences(of: ">Alpha<", with: ">ALPHA<").utf8)
        #expect(altered.count == parts[alpha].length && altered != Data(rows[alpha].utf8))
        bytes.replaceSubrange(parts[alpha].offset ..< parts[alpha].offset + parts[alpha].length, with: altered)
        try SiteFiles.replace(index.path, with: bytes)
        try record(altered, as: parts[alpha], of: "index.html", bytes: bytes, in: site, manifest: manifest)

        try handbook.write("procedures/beta.yml", approvedProcedure("beta", title: "Beta", step: "Relever l'heure exacte."))
        _ = try build(handbook, into: site)
        let rebuilt = String(decoding: try Data(contentsOf: index), as: UTF8.self)
        #expect(rebuilt.contains(">ALPHA<"), "alpha's row is taken from the previous index")
        let after = try #require(BuildManifest.read(from: site)?.parts["index.html"])
        #expect(after.count == parts.count)
        for place in parts.indices.prefix(after.count) {
            #expect((after[place].key == parts[place].key) == (place != beta), "only beta's row has a new key")
        }
        #expect(!rebuilt.contains(rows[beta]), "beta's row shows its new revision code")
    }

    /// Another day, other templates, settings or program: no chapter or search entry of the previous site can be
    /// of use (their keys are salted with all four), so none is read into memory.
    @Test func chaptersAndSearchEntriesAreTakenBackOnlyUnderTheSameSalt() throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site")
        _ = try build(handbook, into: site)
        let manifest = try #require(BuildManifest.read(from: site))
        #expect(manifest.salt.count == 64 && manifest.parts["binder.html"]?.isEmpty == false)
        let other = RenderCache()
        PreviousParts.seedParts(other, from: manifest, in: site, salt: String(repeating: "0", count: 64))
        #expect(other.isEmpty)
        let same = RenderCache()
        PreviousParts.seedParts(same, from: manifest, in: site, salt: manifest.salt)
        #expect(!same.isEmpty)
    }

    /// A build that fails half-way through rendering (a template that breaks on the draft procedure only, after
    /// other pages were written) leaves the previous site as it was, and nothing beside it.
    @Test func aBuildThatFailsHalfWayLeavesThePreviousSiteWhole() throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site")
        _ = try build(handbook, into: site)
        let before = try fileStates(site)
        let procedure = String(decoding: TemplateSet.builtInFiles()["procedure.mustache"]!, as: UTF8.self)
        try handbook.write("templates/procedure.mustache", procedure + "{{#isDraft}}{{noSuchKey}}{{/isDraft}}\n")
        try handbook.write("procedures/draft.yml", Sample.procedure.replacingOccurrences(of: "id: ok", with: "id: draft"))
        #expect(throws: TemplateError.self) {
            try SiteBuilder.build(root: handbook.root, output: site, today: TestHandbook.today)
        }
        #expect(try fileStates(site) == before)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: handbook.root.path)
        #expect(siblings.sorted() == [".site.rex-cache", "incidents", "procedures", "rex.yml", "site", "templates"])
    }

    /// What a build killed with `kill -9` leaves — its staging folder, half full, or its stored loads half saved —
    /// is removed by the next build;
    /// a folder of that name that is not Rex's is left alone.
    @Test func theNextBuildRemovesTheStagingFolderOfAKilledBuild() throws {
        let handbook = try handbook()
        let site = handbook.root.appending(path: "site")
        _ = try build(handbook, into: site)
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let stale = handbook.root.appending(path: ".site.building-\(dead.processIdentifier)")
        try handbook.write(".site.building-\(dead.processIdentifier)/\(SiteWriter.marker)", "")
        try handbook.write(".site.building-\(dead.processIdentifier)/procedures/alpha.html", "<p>à moitié")
        try handbook.write(".site.previous-1999999/notes.txt", "pas à Rex")
        // And the stored loads it was saving (StoredLoads).
        let staleLoads = handbook.root.appending(path: ".site.rex-cache.\(dead.processIdentifier).new")
        try handbook.write(staleLoads.lastPathComponent, "rex-loads 2\n")
        try handbook.write("procedures/beta.yml", approvedProcedure("beta", title: "Beta", step: "Autre chose."))
        _ = try build(handbook, into: site)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(!FileManager.default.fileExists(atPath: staleLoads.path))
        #expect(FileManager.default.fileExists(atPath: handbook.root.appending(path: ".site.previous-1999999/notes.txt").path))
        #expect(try snapshot(of: site) == fromNothing(handbook))
    }

    /// `rex build-site` killed with SIGKILL while it puts the new site together: the site is still the whole
    /// previous one (or, if the build was quicker than the kill, the whole new one), and the next build cleans up.
    @Test(.enabled(if: builtRex != nil, "build the rex binary first: swift build"))
    func aKilledBuildLeavesAWholeSite() throws {
        var files = ["incidents/rex-ok.yml": Sample.incident]
        for number in 0..<150 {
            files["procedures/p\(number).yml"] = approvedProcedure("p\(number)", title: "Procédure \(number)")
        }
        let handbook = try TestHandbook(files)
        let site = handbook.root.appending(path: "site")
        _ = try build(handbook, into: site, today: LocalDate.today(in: HandbookSettings.defaults.timeZone))
        let previous = try snapshot(of: site)
        try handbook.write("rex.yml", "name: Un autre nom, donc chaque page à refaire\n")
        let process = Process()
        process.executableURL = builtRex
        process.arguments = ["build-site", "--root", handbook.root.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let staging = handbook.root.appending(path: ".site.building-\(process.processIdentifier)").path
        while process.isRunning, !FileManager.default.fileExists(atPath: staging) { usleep(200) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let after = try snapshot(of: site)
        let new = try fromNothing(handbook, today: LocalDate.today(in: HandbookSettings.defaults.timeZone))
        #expect(after == previous || after == new)
        _ = try build(handbook, into: site, today: LocalDate.today(in: HandbookSettings.defaults.timeZone))
        #expect(!FileManager.default.fileExists(atPath: staging))
        #expect(try snapshot(of: site) == new)
    }
}

/// The built `rex` binary, next to the test bundle.
let builtRex: URL? = [Bundle.module.bundleURL.deletingLastPathComponent().appending(path: "rex"),
                      repositoryRoot.appending(path: ".build/debug/rex")]
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }
