import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hidden folders a build makes beside its output: `.site.building-PID` (the new site being put together)
/// and `.site.previous-PID` (the old one, kept aside for an instant where the system cannot swap folders in one
/// step). A build killed before it finished leaves one behind; the next build removes those whose process is
/// gone — only when they are Rex's (its marker inside, or empty), never anything else. Beside them, two are meant
/// to stay: the file `.site.rex-cache`, each handbook file's loading, for the next build (`StoredLoads`; a build
/// killed while saving it leaves `.site.rex-cache.PID.new`, removed the same way), and the folder `.site.rex-kept`,
/// the site the last build replaced, which the next build takes as its staging folder (`SiteWriter`).
enum StagingFolders {
    static func staging(for output: URL) -> URL {
        output.deletingLastPathComponent().appending(path: ".\(output.lastPathComponent).building-\(getpid())")
    }

    static func aside(for output: URL) -> URL {
        output.deletingLastPathComponent().appending(path: ".\(output.lastPathComponent).previous-\(getpid())")
    }

    /// The site the last build replaced (`.site.rex-kept`): the next build's staging folder, where its files that
    /// are still the site's stay (`SiteWriter`), so that a rebuild links and removes only what changed.
    static func kept(for output: URL) -> URL {
        output.deletingLastPathComponent().appending(path: ".\(output.lastPathComponent).rex-kept")
    }

    /// Takes the kept site (`kept(for:)`) as `staging`, when there is one of Rex's (its marker inside), ready for a
    /// build whose files are `paths`: every entry that is not one of them, or their folder, is removed (the files of
    /// documents removed since, the manifest, the marker, what a hand added), and the folders get the mode a new
    /// folder has (a hand's `chmod` there would otherwise reach the site). Whether it took it; an entry that cannot be
    /// removed throws.
    static func takeKept(for output: URL, as staging: URL, keeping paths: Set<String>) throws -> Bool {
        let kept = kept(for: output).path
        // A folder itself, before and after it is taken: a symbolic link to one elsewhere is not taken (the build
        // would remove what is there).
        guard SiteFiles.isFolder(kept), FileManager.default.fileExists(atPath: kept + "/" + SiteWriter.marker),
              rename(kept, staging.path) == 0 else { return false }
        guard SiteFiles.isFolder(staging.path) else {
            unlink(staging.path)
            return false
        }
        let files = FileManager.default, root = staging.path
        let probe = root + "/.rex-mode"
        try? files.removeItem(atPath: probe)
        try files.createDirectory(atPath: probe, withIntermediateDirectories: false)
        let mode = try SiteFiles.mode(of: probe)
        try files.removeItem(atPath: probe)
        let folders = SiteFiles.folders(of: paths)
        for name in try files.contentsOfDirectory(atPath: root) where !paths.contains(name) {
            // A folder itself: a symbolic link to one elsewhere is removed, never entered.
            guard folders.contains(name), SiteFiles.isFolder(root + "/" + name) else {
                try files.removeItem(atPath: root + "/" + name)
                continue
            }
            for inside in try files.contentsOfDirectory(atPath: root + "/" + name) where !paths.contains(name + "/" + inside) {
                try files.removeItem(atPath: root + "/" + name + "/" + inside)
            }
            try SiteFiles.setFolderMode(mode, of: root + "/" + name)
        }
        try SiteFiles.setFolderMode(mode, of: root)
        return true
    }

    /// Keeps the site a build replaced (at `folder`) as the next build's staging folder. It is removed instead where it
    /// cannot be kept, where it was no site of Rex's (the empty folder a first build replaces), and where files cannot
    /// be hard-linked (its files would be copies, never the site's own, and only cost the disk a second site).
    static func keep(_ folder: URL, for output: URL) {
        let marker = folder.path + "/" + SiteWriter.marker, probe = marker + ".link"
        unlink(probe)
        let links = link(marker, probe) == 0
        unlink(probe)
        if !links || rename(folder.path, kept(for: output).path) != 0 { SiteFiles.removeFolder(folder) }
    }

    static func loads(for output: URL) -> URL {
        output.deletingLastPathComponent().appending(path: ".\(output.lastPathComponent).rex-cache")
    }

    /// Removes the staging folders of builds of `output` whose process no longer runs; returns their names.
    @discardableResult
    static func removeStale(beside output: URL) -> [String] {
        let output = output.standardizedFileURL
        let parent = output.deletingLastPathComponent()
        let prefixes = [".\(output.lastPathComponent).building-", ".\(output.lastPathComponent).previous-"]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        var removed: [String] = []
        let loads = loads(for: output).lastPathComponent + "."
        for name in names where name.hasPrefix(loads) && name.hasSuffix(".new") {
            guard let pid = Int32(name.dropFirst(loads.count).dropLast(4)), pid != getpid(), !isRunning(pid),
                  unlink(parent.path + "/" + name) == 0 else { continue }
            removed.append(name)
        }
        for name in names {
            guard let prefix = prefixes.first(where: name.hasPrefix), let pid = Int32(name.dropFirst(prefix.count)),
                  pid != getpid(), !isRunning(pid) else { continue }
            let folder = parent.appending(path: name)
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? ["?"]
            guard contents.isEmpty || contents.contains(SiteWriter.marker) else { continue }
            if (try? FileManager.default.removeItem(at: folder)) != nil { removed.append(name) }
        }
        return removed
    }

    private static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
