import Foundation

/// Writes a site so that the output folder is always either the whole previous site or the whole new one, and
/// so that a file whose bytes do not change is not written at all: it keeps its bytes, its modification time
/// and its inode, and `rsync` copies only what changed.
///
/// The new site is put together in a hidden sibling folder (the staging folder): a file the previous site
/// already has with the same bytes is hard-linked from it, a new or changed one is written; the staging folder
/// then takes the output's place in one step (`FolderSwap`), and the previous folder is kept beside it
/// (`.site.rex-kept`). The next build takes that folder as its staging folder: the files there that are still the
/// previous site's own (links to them, as their build left them) stay, and only the others are removed, linked or
/// written, so that a rebuild touches the folders only where something changed (linking 4 000 unchanged files and
/// removing the replaced site were a sixth of a one-procedure rebuild at 3 000 documents). A build that dies before
/// the swap leaves the previous site untouched; its staging folder is removed by the next build
/// (`StagingFolders`). When nothing but the manifest changes, the staging folder is kept and the site stays.
enum SiteWriter {
    /// Marks a folder as a site Rex wrote, so Rex never replaces a folder it did not make.
    static let marker = ".rex-site"
    static let markerText = Data("Written by rex build-site: each build replaces what changed; do not add files here.\n".utf8)

    /// What a write did: the manifest's file entries and parts, and the paths written anew (the manifest aside).
    struct Outcome {
        var files: [String: BuildManifest.Entry]
        var parts: [String: [BuildManifest.Part]]
        var written: [String]
    }

    /// Renders what the plan needs and writes what changed; `manifest` turns the file entries into the manifest
    /// stored with the site.
    static func write(_ plan: SitePlan, to output: URL, previous: BuildManifest?,
                      manifest: (Outcome) -> BuildManifest) throws -> Outcome {
        let output = output.standardizedFileURL
        try refuseForeignFolder(output)
        let parent = output.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = StagingFolders.staging(for: output)
        try? FileManager.default.removeItem(at: staging)
        let previous = FileManager.default.fileExists(atPath: output.appending(path: marker).path) ? previous : nil
        var outcome: Outcome
        do {
            // The site the last build replaced, when it kept it, is this build's staging folder: what is not the
            // previous site's file at its place goes.
            let reusing = try StagingFolders.takeKept(for: output, as: staging, keeping: Set(plan.paths))
            if !reusing {
                try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            }
            let oldMarker = output.path + "/" + marker, newMarker = staging.path + "/" + marker
            if FileManager.default.contents(atPath: oldMarker) != markerText || SiteFiles.link(oldMarker, to: newMarker) == nil {
                try SiteFiles.write(markerText, to: newMarker)
            }
            for folder in SiteFiles.folders(of: plan.paths) {
                try FileManager.default.createDirectory(at: staging.appending(path: folder),
                                                        withIntermediateDirectories: true)
            }
            outcome = try fill(staging, from: plan, previous: previous, reusing: reusing, old: output)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            if error is TemplateError { throw error }
            throw EnvironmentError("cannot write the site to '\(staging.path)': \(error); '\(output.path)' was left as it was")
        }
        if let previous, outcome.written.isEmpty, Set(previous.files.keys) == Set(outcome.files.keys),
           FileManager.default.contents(atPath: output.path + "/" + marker) == markerText, previous.describesSite(at: output) {
            // The same files, byte for byte, and no other: the site stays; only its manifest may need refreshing. Its
            // files are placed as before (not as their links in the staging folder, copies where there are no links).
            // The staging folder, the site's files linked, is kept for the next build.
            StagingFolders.keep(staging, for: output)
            for path in outcome.files.keys { outcome.files[path]?.placed = previous.files[path]?.placed }
            let text = manifest(outcome).data(), manifestPath = output.path + "/" + BuildManifest.name
            if FileManager.default.contents(atPath: manifestPath) != text {
                try SiteFiles.replace(manifestPath, with: text)
            }
            return outcome
        }
        let made = manifest(outcome)
        do {
            try SiteFiles.write(to: staging.path + "/" + BuildManifest.name) { try made.write(to: $0) }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw EnvironmentError("cannot write the site's manifest: \(error); '\(output.path)' was left as it was")
        }
        // What is swapped in has the files the manifest records and no other: the site the last build replaced, deleted
        // by a hand as the build took it, would otherwise be put in place with files missing. (Counted from the
        // folders' listings: stating every file as well, and the site's file beside each one kept, cost 41 ms of a
        // 303 ms one-procedure rebuild at 3 000 documents.)
        guard made.hasAsManyEntries(at: staging) else {
            SiteFiles.removeFolder(staging)
            throw EnvironmentError("the site put together in '\(staging.path)' was changed while the build ran (a file "
                                   + "removed or added there); '\(output.path)' was left as it was: build again")
        }
        // The placements the manifest records hold through the swap: moving the folder, and removing the previous
        // site's names of the files this build linked, changes neither their modification times nor their inodes.
        try swapIn(staging, for: output)
        return outcome
    }

    /// Every file of the plan in `staging`: linked from the previous site when its bytes are the same and it is as
    /// that build left it, written otherwise. Rendering happens only when the key changed or the previous file was
    /// altered; files render and write in parallel, and the index,
    /// the binder and the search data are written as the pages give their parts (`StreamedFile`, `PartHandOff`).
    private static func fill(_ staging: URL, from plan: SitePlan, previous: BuildManifest?, reusing: Bool,
                             old: URL) throws -> Outcome {
        typealias Made = (entry: BuildManifest.Entry, parts: [BuildManifest.Part], written: Bool)
        let renderer = plan.renderer
        // The folders' paths once: `URL.path` costs thousands of instructions, and each file asks for them several
        // times (9 million instructions of a one-procedure rebuild at 300 documents).
        let stagingFolder = staging.path + "/", oldFolder = old.path + "/"
        @Sendable func places(_ output: SitePlan.Output) -> (target: String, existing: String) {
            (stagingFolder + output.path, oldFolder + output.path)
        }
        /// The previous site's file with its stamp, when it is as that build left it (`Entry.isPlaced`): nothing is
        /// taken from a file altered since.
        @Sendable func intact(_ output: SitePlan.Output, _ before: BuildManifest.Entry) -> FileStamp? {
            let stamp = FileStamp(path: places(output).existing)
            return before.isPlaced(as: stamp) ? stamp : nil
        }
        /// The previous site's file (whose stamp is `stamp`) linked into the staging folder: how it is placed there.
        @Sendable func linked(_ output: SitePlan.Output, _ stamp: FileStamp) -> BuildManifest.Placement? {
            switch SiteFiles.link(places(output).existing, to: places(output).target) {
            case .sameFile: BuildManifest.Placement(stamp)
            case .copy: FileStamp(path: places(output).target).map(BuildManifest.Placement.init)
            case nil: nil
            }
        }
        /// In a kept site taken as the staging folder, whatever is at `output`'s place, removed to leave it free.
        @Sendable func clearPlace(_ output: SitePlan.Output) {
            if reusing { try? FileManager.default.removeItem(atPath: places(output).target) }
        }
        /// In a kept site taken as the staging folder: whether the file at `output`'s place is the previous site's file
        /// `before` itself, as that build left it (anything else there is removed). It is a file itself, not a link to
        /// one (a symbolic link to the previous site's file would pass for it), with a second name (the site's): a file
        /// kept there alone is an older version, which a file system that makes inode numbers up could give the
        /// number the manifest recorded.
        @Sendable func alreadyThere(_ output: SitePlan.Output, _ before: BuildManifest.Entry) -> Bool {
            var status = stat()
            guard reusing, lstat(places(output).target, &status) == 0 else { return false }
            if status.st_mode & S_IFMT == S_IFREG, status.st_nlink >= 2, before.isPlaced(as: FileStamp(status)) { return true }
            clearPlace(output)
            return false
        }
        /// The previous site's file, when it was made from the same key and is as that build left it.
        @Sendable func kept(_ output: SitePlan.Output) -> Made? {
            guard var entry = previous?.files[output.path], entry.key == output.key else {
                clearPlace(output)
                return nil
            }
            if !alreadyThere(output, entry) {
                guard let stamp = intact(output, entry), let placed = linked(output, stamp) else { return nil }
                entry.placed = placed
            }
            return (entry, previous?.parts[output.path] ?? [], false)
        }
        /// The previous site's file with its stamp, when it has the bytes of `entry` (then it is linked in their place):
        /// recorded with them, and as that build left it.
        @Sendable func same(_ output: SitePlan.Output, as entry: BuildManifest.Entry) -> FileStamp? {
            guard let before = previous?.files[output.path], before.content == entry.content else { return nil }
            return intact(output, before)
        }

        var outcome = Outcome(files: [:], parts: [:], written: [])
        func record(_ output: SitePlan.Output, _ made: Made) {
            outcome.files[output.path] = made.entry
            if !made.parts.isEmpty { outcome.parts[output.path] = made.parts }
            if made.written { outcome.written.append(output.path) }
        }
        var made: [(output: SitePlan.Output, parted: SitePlan.Parted)] = []
        for output in plan.outputs {
            guard let parted = output.source.parted else { continue }
            if let kept = kept(output) {
                record(output, kept)
            } else {
                made.append((output, parted))
            }
        }
        // Their frames are made on another thread while the first pages render; a page done before them leaves its
        // parts to be added once they are there (`PartHandOff`).
        let handOff = PartHandOff()
        let pendingStreams = Pending { [made] in
            let files = try made.map { try StreamedFile(try $0.parted.file(with: renderer), at: places($0.output).target) }
            try handOff.open(files)
            return files
        }
        // Places, not a filtered copy of the outputs (4 000 of them at 3 000 documents).
        let pages = plan.outputs.indices.filter { plan.outputs[$0].source.parted == nil }
        let results = parallelMap(pages) { place -> Result<Made, any Error> in
            Result {
                let output = plan.outputs[place]
                let result: Made
                if let kept = kept(output) {
                    result = kept
                } else {
                    let bytes = try SitePlan.render(output.source, with: renderer)
                    var entry = BuildManifest.Entry(key: output.key, bytes: bytes)
                    if let stamp = same(output, as: entry), let placed = linked(output, stamp) {
                        entry.placed = placed
                        result = (entry, bytes.parts, false)
                    } else {
                        entry.placed = BuildManifest.Placement(try SiteFiles.write(bytes, to: places(output).target))
                        result = (entry, bytes.parts, true)
                    }
                }
                try handOff.addParts(ofPage: output.path)
                return result
            }
        }
        // Waited for before any error is thrown: nothing may still be writing into the staging folder once it is removed.
        let streams = Result { try pendingStreams.get() }
        for (place, result) in zip(pages, results) { record(plan.outputs[place], try result.get()) }
        for ((output, _), file) in zip(made, try streams.get()) {
            let (content, size, parts) = try file.finish()
            var entry = BuildManifest.Entry(key: output.key, content: content, size: size)
            // The same bytes as before: the previous file takes the new one's place, keeping its inode and time.
            if let stamp = same(output, as: entry), SiteFiles.replace(places(output).target, withLinkTo: places(output).existing) {
                entry.placed = BuildManifest.Placement(stamp)
                record(output, (entry, parts, false))
            } else {
                entry.placed = FileStamp(path: places(output).target).map(BuildManifest.Placement.init)
                record(output, (entry, parts, true))
            }
        }
        return outcome
    }

    /// The staging folder takes the output's place, in one step where the system can.
    private static func swapIn(_ staging: URL, for output: URL) throws {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: output.path) else {
            do {
                try fileManager.moveItem(at: staging, to: output)
            } catch {
                try? fileManager.removeItem(at: staging)
                throw EnvironmentError("cannot put the new site in place: \(error.localizedDescription)")
            }
            return
        }
        if FolderSwap.exchange(staging.path, output.path) {
            StagingFolders.keep(staging, for: output)  // now the previous site
            return
        }
        let aside = StagingFolders.aside(for: output)
        do {
            try fileManager.moveItem(at: output, to: aside)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw EnvironmentError("cannot put the new site in place: \(error.localizedDescription)")
        }
        do {
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            try? fileManager.moveItem(at: aside, to: output)
            try? fileManager.removeItem(at: staging)
            throw EnvironmentError("cannot put the new site in place: \(error.localizedDescription)")
        }
        StagingFolders.keep(aside, for: output)
    }

    /// An existing, non-empty output folder without the marker is someone's data: never replace it.
    private static func refuseForeignFolder(_ output: URL) throws {
        let fileManager = FileManager.default
        guard let contents = try? fileManager.contentsOfDirectory(atPath: output.path) else {
            if fileManager.fileExists(atPath: output.path) {
                throw EnvironmentError("'\(output.path)' exists and is not a folder; choose another --out")
            }
            return
        }
        if !contents.isEmpty, !contents.contains(marker) {
            throw EnvironmentError("'\(output.path)' is a folder that rex did not write (no \(marker) in it); "
                                   + "it will not be replaced: choose another --out")
        }
    }
}
