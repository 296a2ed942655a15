import Foundation
import Testing
@testable import RexKit

/// The loads `rex build-site` keeps beside the site for the next build (`.site.rex-cache`): a document comes back
/// from its record exactly as loading gave it, and a record is taken only while its file, the handbook's settings,
/// the program and the record itself are what they were.
@Suite("Stored loads")
struct StoredLoadsTests {
    /// Every document of the shipped handbook and of the golden corpus, and every diagnostic loading gives there,
    /// comes back equal: no field is lost or changed on the way.
    @Test func everyDocumentAndDiagnosticComesBackEqual() throws {
        let folders = [repositoryRoot] + GoldenCorpusTests.cases.map { GoldenCorpusTests.corpus.appending(path: $0) }
        var documents = 0, diagnostics = 0
        for folder in folders {
            let loaded = try HandbookLoader.load(root: folder)
            for procedure in loaded.handbook.procedures {
                #expect(StoredForm.readBack(procedure) == procedure, "\(folder.lastPathComponent)/\(procedure.path)")
            }
            for incident in loaded.handbook.incidents {
                #expect(StoredForm.readBack(incident) == incident, "\(folder.lastPathComponent)/\(incident.path)")
            }
            for diagnostic in loaded.diagnostics {
                // Written in its own file (the path left out) and in another (the path written out).
                #expect(StoredForm.readBack(diagnostic, path: diagnostic.location.path) == diagnostic)
                #expect(StoredForm.readBack(diagnostic, path: "procedures/other.yml") == diagnostic)
            }
            documents += loaded.handbook.procedures.count + loaded.handbook.incidents.count
            diagnostics += loaded.diagnostics.count
        }
        #expect(documents > 20 && diagnostics > 50, "the corpus should exercise the coding: \(documents), \(diagnostics)")
    }

    /// Bytes cut short or out of place are refused, whatever they are; none crashes the reader.
    @Test func malformedBytesAreRefused() throws {
        let loaded = try HandbookLoader.load(root: repositoryRoot)
        let procedure = try #require(loaded.handbook.procedures.first)
        var writer = ModelWriter(path: procedure.path)
        writer.value(procedure)
        let bytes = writer.bytes
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
            let outcome = bytes[..<cut].withUnsafeBytes { raw in
                var reader = ModelReader(raw, file: SourcePath(procedure.path))
                return Result { try Procedure(from: &reader) }
            }
            #expect(throws: ModelReader.Malformed.self) { try outcome.get() }
        }
        for place in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
            var changed = bytes
            changed[place] = 0xFF
            _ = changed.withUnsafeBytes { raw in
                var reader = ModelReader(raw, file: SourcePath(procedure.path))
                return try? Procedure(from: &reader)
            }
        }
    }

    /// Once the handbook's files are settled: a file changed moments ago is read, and its record neither taken nor kept.
    private func load(_ handbook: TestHandbook, _ stored: URL, program: String = "rex A") throws -> LoadResult {
        handbook.settle()
        return try HandbookLoader.load(root: handbook.root, cache: LoadCache(storedIn: stored, program: program))
    }

    /// A handbook file as the loader lists it, and its present stamp: what a record is kept and taken under.
    private func listed(_ path: String, in handbook: TestHandbook) throws -> (file: HandbookFile, stamp: FileStamp) {
        let root = handbook.root.handbookFolder
        return (HandbookFile(root: root, relativePath: path, plainFolder: true),
                try #require(FileStamp(path: root.path + "/" + path)))
    }

    /// The record of `procedures/ok.yml` made to say another title, under the file's present stamp (the only
    /// record kept): a load that takes it shows that title, one that reads the file does not.
    private func plantTitle(_ title: String, in stored: URL, of handbook: TestHandbook, program: String = "rex A") throws {
        let loaded = try HandbookLoader.load(root: handbook.root).handbook
        var procedure = try #require(loaded.procedure("ok"))
        procedure.title = title
        let (file, stamp) = try listed("procedures/ok.yml", in: handbook)
        let loads = StoredLoads(file: stored, program: program)
        loads.keep((procedure, []), for: file, stamp: stamp, settings: HandbookLoader.settingsKey(loaded.settings))
        loads.save([file])
    }

    @Test func aRecordIsTakenWhileItsFileProgramAndSettingsAreUnchanged() throws {
        let handbook = try Sample.handbook([:])
        let folder = handbook.root.appending(path: ".site.rex-cache")
        #expect(try load(handbook, folder).handbook.procedure("ok")?.title == "Procédure correcte")
        let records = String(decoding: try Data(contentsOf: folder), as: UTF8.self)
        #expect(records.hasPrefix("rex-loads 2\nprogram rex A\n\n"))
        #expect(records.contains("procedures/ok.yml") && records.contains("incidents/rex-ok.yml"))

        try plantTitle("Titre de l'entrée", in: folder, of: handbook)
        #expect(try load(handbook, folder).handbook.procedure("ok")?.title == "Titre de l'entrée")
        // Another program, or other settings in rex.yml, and the file is read again.
        #expect(try load(handbook, folder, program: "rex B").handbook.procedure("ok")?.title == "Procédure correcte")
        try plantTitle("Titre de l'entrée", in: folder, of: handbook)
        try handbook.write("rex.yml", "name: Manuel de test\nlanguage: nl\n")
        #expect(try load(handbook, folder).handbook.procedure("ok")?.title == "Procédure correcte")
        try plantTitle("Titre de l'entrée", in: folder, of: handbook)
        try handbook.write("rex.yml", "name: Manuel de test, révisé\nlanguage: nl\n")
        #expect(try load(handbook, folder).handbook.procedure("ok")?.title == "Procédure correcte")
        // The file written again, with the same bytes: its stamp changes, and so it is read.
        try plantTitle("Titre de l'entrée", in: folder, of: handbook)
        try handbook.write("procedures/ok.yml", Sample.procedure)
        #expect(try load(handbook, folder).handbook.procedure("ok")?.title == "Procédure correcte")
    }

    /// A file whose stamp is not settled may change again without its stamp showing it: its record is not taken,
    /// even under its present stamp, and no record is kept for it; the file is read.
    @Test func aRecordIsNotTakenWhileItsFileMayStillChangeUnseen() throws {
        let handbook = try Sample.handbook([:])
        let stored = handbook.root.appending(path: ".site.rex-cache")
        try plantTitle("Titre de l'entrée", in: stored, of: handbook)
        #expect(try load(handbook, stored).handbook.procedure("ok")?.title == "Titre de l'entrée")
        // A modification time ahead of the clock (a file server's clock ahead of this one): never settled.
        let path = handbook.root.appending(path: "procedures/ok.yml").path
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: path)
        try plantTitle("Titre de l'entrée", in: stored, of: handbook)
        #expect(try load(handbook, stored).handbook.procedure("ok")?.title == "Procédure correcte")
        let records = String(decoding: try Data(contentsOf: stored), as: UTF8.self)
        #expect(records.contains("incidents/rex-ok.yml") && !records.contains("Procédure correcte"), "none kept for it")
    }

    @Test func aDamagedRecordIsNotTaken() throws {
        let handbook = try Sample.handbook([:])
        let stored = handbook.root.appending(path: ".site.rex-cache")
        try plantTitle("Titre de l'entrée", in: stored, of: handbook)
        let planted = try Data(contentsOf: stored)
        #expect(try load(handbook, stored).handbook.procedure("ok")?.title == "Titre de l'entrée")
        for damage in [{ (data: inout Data) in data[data.count / 2] ^= 0x20 },
                       { (data: inout Data) in data.removeLast(40) },
                       { (data: inout Data) in data[data.count - 1] ^= 0x01 },
                       { (data: inout Data) in data = Data() }] {
            var data = planted
            damage(&data)
            try data.write(to: stored)
            #expect(try load(handbook, stored).handbook.procedure("ok")?.title == "Procédure correcte")
        }
    }

    /// Each record's checksum is XXH64's, as xxHash itself gives it (`python3 -c 'import xxhash; …'`), over inputs
    /// that reach each of its steps: stripes of 32 bytes, then words of 8, a half word of 4, single bytes.
    @Test func theChecksumIsXXH64() {
        let cases: [([UInt8], UInt64)] = [([], 0xEF46_DB37_51D8_E999), (Array("a".utf8), 0xD24E_C4F1_A98C_6E5B),
                                          (Array("abc".utf8), 0x44BC_2CF5_AD77_0999),
                                          (Array(repeating: UInt8(ascii: "x"), count: 31), 0x60DD_0D01_083B_99F0),
                                          (Array(repeating: UInt8(ascii: "y"), count: 32) + Array(repeating: UInt8(ascii: "z"), count: 13),
                                           0xBD66_E711_CAB9_786D),
                                          ((0..<3).flatMap { _ in (0...255).map(UInt8.init) } + Array("rex".utf8),
                                           0xF038_D765_C10A_4FEF)]
        for (input, expected) in cases {
            #expect(input.withUnsafeBytes(XXH64.hash) == expected, "\(input.count) bytes")
        }
        #expect(Array("abc".utf8).withUnsafeBytes(XXH64.checksum) == [0x44, 0xBC, 0x2C, 0xF5, 0xAD, 0x77, 0x09, 0x99])
    }

    /// The records file cut short on disk while a build takes its records (another program, a share that drops):
    /// the build goes on, and does not die of it. Each record is read when it is taken: one no longer there is not
    /// taken, and its file is loaded instead.
    @Test func recordsCutShortOnDiskDuringABuildDoNotStopIt() throws {
        let handbook = try Sample.handbook([:])
        let stored = handbook.root.appending(path: ".site.rex-cache")
        let settings = HandbookLoader.settingsKey(try load(handbook, stored).handbook.settings)
        let loads = StoredLoads(file: stored, program: "rex A")
        let (procedureFile, procedureStamp) = try listed("procedures/ok.yml", in: handbook)
        let procedure: (value: Procedure?, diagnostics: [Diagnostic])? = loads.value(procedureFile, stamp: procedureStamp,
                                                                                     settings: settings)
        #expect(procedure?.value?.title == "Procédure correcte")
        #expect(truncate(stored.path, 0) == 0)  // in place: the same file, now empty
        let (incidentFile, incidentStamp) = try listed("incidents/rex-ok.yml", in: handbook)
        let incident: (value: Incident?, diagnostics: [Diagnostic])? = loads.value(incidentFile, stamp: incidentStamp,
                                                                                   settings: settings)
        #expect(incident == nil)
        // The build keeps the incident it loaded again; the procedure's record, no longer there, is not carried over.
        loads.keep((try HandbookLoader.load(root: handbook.root).handbook.incident("rex-ok"), []), for: incidentFile,
                   stamp: incidentStamp, settings: settings)
        loads.save([procedureFile, incidentFile])
        let records = String(decoding: try Data(contentsOf: stored), as: UTF8.self)
        #expect(records.contains("incidents/rex-ok.yml") && !records.contains("procedures/ok.yml"))
        let again = StoredLoads(file: stored, program: "rex A")
        let kept: (value: Incident?, diagnostics: [Diagnostic])? = again.value(incidentFile, stamp: incidentStamp,
                                                                               settings: settings)
        #expect(kept?.value?.id.value == "rex-ok")
        let none: (value: Procedure?, diagnostics: [Diagnostic])? = again.value(procedureFile, stamp: procedureStamp,
                                                                                settings: settings)
        #expect(none == nil)
    }

    /// A file's loading problems come back with its record, so a build that takes it reports them as before.
    @Test func aRecordKeepsItsFilesProblems() throws {
        let handbook = try Sample.handbook(["procedures/bad.yml": Sample.procedure.replacingOccurrences(
            of: "id: ok", with: "id: bad\ncolour: blue")])
        let stored = handbook.root.appending(path: ".site.rex-cache")
        let first = try load(handbook, stored)
        let problems = first.diagnostics.filter { $0.location.path == "procedures/bad.yml" }
        #expect(problems.map(\.rule) == ["unknown-key"])
        #expect(try load(handbook, stored).diagnostics == first.diagnostics)
        // A record made to hold another problem: the load reports that one, so the problems are the record's.
        let (file, stamp) = try listed("procedures/bad.yml", in: handbook)
        let planted = Diagnostic(.warning, "problème gardé", at: problems[0].location, rule: "kept")
        let loads = StoredLoads(file: stored, program: "rex A")
        let settings = HandbookLoader.settingsKey(try HandbookLoader.load(root: handbook.root).handbook.settings)
        loads.keep((Procedure?.none, [planted]), for: file, stamp: stamp, settings: settings)
        loads.save([file])
        let second = try load(handbook, stored)
        #expect(second.diagnostics.filter { $0.location.path == "procedures/bad.yml" } == [planted])
    }

    @Test func theRecordsOfRemovedFilesAreDropped() throws {
        let handbook = try Sample.handbook(["procedures/gone.yml": Sample.procedure.replacingOccurrences(
            of: "id: ok", with: "id: gone")])
        let stored = handbook.root.appending(path: ".site.rex-cache")
        _ = try load(handbook, stored)
        #expect(String(decoding: try Data(contentsOf: stored), as: UTF8.self).contains("procedures/gone.yml"))
        try FileManager.default.removeItem(at: handbook.root.appending(path: "procedures/gone.yml"))
        _ = try load(handbook, stored)
        let records = String(decoding: try Data(contentsOf: stored), as: UTF8.self)
        #expect(!records.contains("procedures/gone.yml") && records.contains("procedures/ok.yml"))
    }

    /// A load that reads one file again adds that file's record at the end of the same file, the others left as
    /// they were; the record added last is the one the next load takes.
    @Test func aFileReadAgainIsAddedAtTheEndAndItsLastRecordIsTaken() throws {
        let handbook = try Sample.handbook([:])
        let stored = handbook.root.appending(path: ".site.rex-cache")
        _ = try load(handbook, stored)
        let before = try Data(contentsOf: stored)
        let inode = FileStamp(path: stored.path)?.inode
        try handbook.write("procedures/ok.yml", Sample.procedure.replacingOccurrences(of: "correcte", with: "revue"))
        #expect(try load(handbook, stored).handbook.procedure("ok")?.title == "Procédure revue")
        let after = try Data(contentsOf: stored)
        #expect(after.count > before.count && after.starts(with: before), "added at the end")
        #expect(FileStamp(path: stored.path)?.inode == inode, "the same file")

        // A record added after it, for the same file and stamp, says another title: that one is taken.
        let loaded = try HandbookLoader.load(root: handbook.root).handbook
        var procedure = try #require(loaded.procedure("ok"))
        procedure.title = "Titre ajouté"
        let (procedureFile, stamp) = try listed("procedures/ok.yml", in: handbook)
        let settings = HandbookLoader.settingsKey(loaded.settings)
        let loads = StoredLoads(file: stored, program: "rex A")
        let read: (value: Procedure?, diagnostics: [Diagnostic])? = loads.value(procedureFile, stamp: stamp, settings: settings)
        #expect(read?.value?.title == "Procédure revue")
        loads.keep((procedure, []), for: procedureFile, stamp: stamp, settings: settings)
        loads.save([procedureFile, try listed("incidents/rex-ok.yml", in: handbook).file])
        #expect(try load(handbook, stored).handbook.procedure("ok")?.title == "Titre ajouté")
    }

    /// A build right after a change reads the changed file and keeps no record of it (it may change again unseen):
    /// the records file is then left as it was, not written anew at every such build (2.5 MB at 300 documents,
    /// 130 MB at 15 000). The build after that, once the file is settled, adds its record.
    @Test func aFileChangedMomentsAgoLeavesTheRecordsFileAsItWas() throws {
        let handbook = try Sample.handbook([:])
        let stored = handbook.root.appending(path: ".site.rex-cache")
        func loadRightAfterChanging(_ round: Int) throws {
            try handbook.write("procedures/ok.yml", Sample.procedure.replacingOccurrences(of: "correcte", with: "n° \(round)"))
            // Times ahead of the clock never settle: the load sees the file as just changed, however long it takes.
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)],
                                                  ofItemAtPath: handbook.root.appending(path: "procedures/ok.yml").path)
            let loaded = try HandbookLoader.load(root: handbook.root, cache: LoadCache(storedIn: stored, program: "rex A"))
            #expect(loaded.handbook.procedure("ok")?.title == "Procédure n° \(round)")
        }
        handbook.settle()
        try loadRightAfterChanging(0)  // the records of every file but the one changed
        #expect(!String(decoding: try Data(contentsOf: stored), as: UTF8.self).contains("procedures/ok.yml"))
        for round in 1...2 {
            let before = try Data(contentsOf: stored), stamp = FileStamp(path: stored.path)
            try loadRightAfterChanging(round)
            #expect(try Data(contentsOf: stored) == before && FileStamp(path: stored.path) == stamp, "round \(round)")
        }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)],
                                              ofItemAtPath: handbook.root.appending(path: "procedures/ok.yml").path)
        #expect(try load(handbook, stored).handbook.procedure("ok")?.title == "Procédure n° 2")
        #expect(String(decoding: try Data(contentsOf: stored), as: UTF8.self).contains("Procédure n° 2"))
    }

    /// Bytes after the last whole record (a build that died while adding one) are not added to: the records before
    /// them are taken, and the file is written anew without them.
    @Test func aFileEndingInARecordCutShortIsWrittenAnew() throws {
        let handbook = try Sample.handbook([:])
        let stored = handbook.root.appending(path: ".site.rex-cache")
        try plantTitle("Titre de l'entrée", in: stored, of: handbook)
        let cut = Data([0xE8, 0x07]) + Data("record cut short".utf8)  // a path said to be 1 000 bytes long
        try (try Data(contentsOf: stored) + cut).write(to: stored)
        #expect(try load(handbook, stored).handbook.procedure("ok")?.title == "Titre de l'entrée")
        let records = try Data(contentsOf: stored)
        #expect(records.range(of: cut) == nil && records.range(of: Data("incidents/rex-ok.yml".utf8)) != nil)
        #expect(try load(handbook, stored).handbook.procedure("ok")?.title == "Titre de l'entrée")
    }

    /// Bytes after the last whole record, and a build that takes every record and adds none: the file is still
    /// written anew without them, so that the next build can add to it.
    @Test func bytesAfterTheLastRecordAreDroppedByABuildThatAddsNone() throws {
        let handbook = try Sample.handbook([:])
        let stored = handbook.root.appending(path: ".site.rex-cache")
        _ = try load(handbook, stored)
        let whole = try Data(contentsOf: stored), cut = Data([0xE8, 0x07]) + Data("record cut short".utf8)
        try (whole + cut).write(to: stored)
        #expect(try load(handbook, stored).handbook.procedure("ok")?.title == "Procédure correcte")
        // The same records (in the handbook's order, where the first build wrote them as each load ended).
        let records = try Data(contentsOf: stored)
        #expect(records.count == whole.count && records.range(of: cut) == nil)
    }

    /// A record whose key is longer than the first bytes read of it (settings of several kilobytes) is found.
    @Test func aRecordWithALongKeyIsFound() throws {
        let handbook = try Sample.handbook([:])
        let stored = handbook.root.appending(path: ".site.rex-cache")
        handbook.settle()
        let loaded = try HandbookLoader.load(root: handbook.root).handbook
        let (file, stamp) = try listed("procedures/ok.yml", in: handbook)
        let settings = String(repeating: "réglage ", count: 1_000)
        let loads = StoredLoads(file: stored, program: "rex A")
        loads.keep((loaded.procedure("ok"), []), for: file, stamp: stamp, settings: settings)
        loads.save([file])
        let read: (value: Procedure?, diagnostics: [Diagnostic])? = StoredLoads(file: stored, program: "rex A")
            .value(file, stamp: stamp, settings: settings)
        #expect(read?.value == loaded.procedure("ok"))
    }

    /// A file changed before every build does not make the records grow without end: once the records left behind
    /// outweigh the ones taken, the file is written anew with the last of each.
    @Test func recordsLeftBehindAreDroppedOnceTheyOutweighTheOnesTaken() throws {
        let handbook = try Sample.handbook([:])
        let stored = handbook.root.appending(path: ".site.rex-cache")
        _ = try load(handbook, stored)
        let first = try Data(contentsOf: stored).count
        var sizes: [Int] = []
        for round in 1...8 {
            try handbook.write("procedures/ok.yml", Sample.procedure.replacingOccurrences(of: "correcte", with: "n° \(round)"))
            #expect(try load(handbook, stored).handbook.procedure("ok")?.title == "Procédure n° \(round)")
            sizes.append(try Data(contentsOf: stored).count)
        }
        #expect(zip(sizes, sizes.dropFirst()).contains { $1 < $0 }, "written anew at least once: \(sizes)")
        #expect(sizes.allSatisfy { $0 < 3 * first }, "\(sizes) against \(first)")
    }

    /// A file removed while another is read again: the record of the one read again is not added to the file, which
    /// is written anew without the removed file's.
    @Test func aFileRemovedWhileAnotherIsReadAgainIsDropped() throws {
        let handbook = try Sample.handbook(["procedures/gone.yml": Sample.procedure.replacingOccurrences(
            of: "id: ok", with: "id: gone")])
        let stored = handbook.root.appending(path: ".site.rex-cache")
        _ = try load(handbook, stored)
        let inode = FileStamp(path: stored.path)?.inode
        try FileManager.default.removeItem(at: handbook.root.appending(path: "procedures/gone.yml"))
        try handbook.write("procedures/ok.yml", Sample.procedure.replacingOccurrences(of: "correcte", with: "revue"))
        #expect(try load(handbook, stored).handbook.procedure("ok")?.title == "Procédure revue")
        let records = String(decoding: try Data(contentsOf: stored), as: UTF8.self)
        #expect(!records.contains("procedures/gone.yml") && !records.contains("Procédure correcte"))
        #expect(records.contains("Procédure revue") && FileStamp(path: stored.path)?.inode != inode, "written anew")
    }

    /// A `--watch` session takes and saves the records on its first load only; a record a later change leaves
    /// behind is not taken by the next process, which loads that file again.
    @Test func aSessionStoresItsFirstLoadOnly() throws {
        let handbook = try Sample.handbook([:])
        let stored = handbook.root.appending(path: ".site.rex-cache")
        let session = LoadCache(storedIn: stored, program: "rex A", firstLoadOnly: true)
        handbook.settle()
        _ = try HandbookLoader.load(root: handbook.root, cache: session)
        let records = try Data(contentsOf: stored)
        #expect(String(decoding: records, as: UTF8.self).contains("Procédure correcte"))
        try handbook.write("procedures/ok.yml", Sample.procedure.replacingOccurrences(of: "correcte", with: "revue"))
        #expect(try HandbookLoader.load(root: handbook.root, cache: session).handbook.procedure("ok")?.title
                == "Procédure revue")
        #expect(try Data(contentsOf: stored) == records)
        #expect(try load(handbook, stored).handbook.procedure("ok")?.title == "Procédure revue")
        #expect(String(decoding: try Data(contentsOf: stored), as: UTF8.self).contains("Procédure revue"))
    }

    /// A load without digests (`rex validate`'s) neither keeps records nor takes them: a build that took one would
    /// key its pages on an empty digest.
    @Test func aLoadWithoutDigestsUsesNoRecords() throws {
        let handbook = try Sample.handbook([:])
        let stored = handbook.root.appending(path: ".site.rex-cache")
        let without = try HandbookLoader.load(root: handbook.root, cache: LoadCache(storedIn: stored, program: "rex A"),
                                              digests: false)
        #expect(without.handbook.procedure("ok")?.digest == "")
        #expect(!FileManager.default.fileExists(atPath: stored.path))
        _ = try load(handbook, stored)
        try plantTitle("Titre gardé", in: stored, of: handbook, program: "rex A")
        let again = try HandbookLoader.load(root: handbook.root, cache: LoadCache(storedIn: stored, program: "rex A"),
                                            digests: false)
        #expect(again.handbook.procedure("ok")?.title == "Procédure correcte")
        #expect(try load(handbook, stored).handbook.procedure("ok")?.title == "Titre gardé", "a load with digests takes it")
    }

    /// `rex build-site` keeps its loads beside the site, and the next build takes them. (That such a build makes
    /// the same site as a build without them, `IncrementalBuildTests` shows: each of its second builds takes them.)
    @Test func aBuildTakesTheLoadsTheLastBuildKept() throws {
        let handbook = try Sample.handbook([:])
        let site = handbook.root.appending(path: "site")
        handbook.settle()
        _ = try SiteBuilder.build(root: handbook.root, output: site, today: TestHandbook.today)
        #expect(StagingFolders.loads(for: site).lastPathComponent == ".site.rex-cache")
        let program = try #require(SourceStamps.programStamp).description
        try plantTitle("Titre gardé", in: StagingFolders.loads(for: site), of: handbook, program: program)
        try handbook.write("incidents/rex-ok.yml", Sample.incident.replacingOccurrences(of: "Rien de grave.", with: "Rien."))
        handbook.settle()
        let report = try SiteBuilder.build(root: handbook.root, output: site, today: TestHandbook.today)
        // The build, made again for the changed incident, has the procedure under the title its record gave. (No
        // page shows it: each is kept by its document's digest, which the record keeps too.)
        #expect(report.handbook?.procedure("ok")?.title == "Titre gardé")
        #expect(report.written.contains("incidents/rex-ok.html"))
    }
}
