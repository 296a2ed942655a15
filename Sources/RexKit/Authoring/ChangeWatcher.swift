import Foundation

/// The state of a handbook's sources that a rebuild depends on: `rex.yml` and the entries of
/// `procedures/`, `incidents/` and `templates/`, each with its stamp (size, times, inode).
public struct HandbookSnapshot: Sendable {
    struct Seen: Sendable {
        var stamp: FileStamp
        var settled: Bool
        /// The file's bytes while its stamp is not settled (`FileStamp.isSettled(at:)`), and at the first look after:
        /// a second save within the tick of the first, keeping the size, shows only there.
        var bytes: Data?
    }

    var files: [String: Seen]

    /// Reads the sizes and times of every watched file (a missing file or folder simply is not there), and the
    /// bytes of those changed moments ago, or not settled at the `previous` look.
    public init(root: URL, after previous: HandbookSnapshot? = nil) {
        var files: [String: Seen] = [:]
        let now = FileStamp.now(), rootPath = root.path
        func record(_ relative: String) {
            files[relative] = Self.look(at: rootPath + "/" + relative, now: now, before: previous?.files[relative])
        }
        record("rex.yml")
        // The direct entries of the folders a build reads (`SourceStamps`).
        for folder in SourceStamps.folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appending(path: folder).path)) ?? []
            // Editors' swap and backup files come and go while typing; they change nothing Rex reads.
            for name in names where !name.hasPrefix(".") && !name.hasSuffix("~") && !name.hasSuffix(".swp") {
                record("\(folder)/\(name)")
            }
        }
        self.files = files
    }

    /// The same look, with the files not settled in it looked at again.
    func lookingAgainAtUnsettled(root: URL) -> HandbookSnapshot {
        var again = self
        let now = FileStamp.now(), rootPath = root.path
        for (relative, seen) in files where !seen.settled {
            again.files[relative] = Self.look(at: rootPath + "/" + relative, now: now, before: seen)
        }
        return again
    }

    private static func look(at path: String, now: Int64, before: Seen?) -> Seen? {
        // One stat(2) per file (links followed, as the loader reads the target): cheap at every poll.
        guard let stamp = FileStamp(path: path) else { return nil }
        let settled = stamp.isSettled(at: now)
        let read = !settled || (before.map { !$0.settled && $0.stamp == stamp } ?? false)
        // Read as the loader reads: bounded, and never a pipe, which would block the watch.
        return Seen(stamp: stamp, settled: settled, bytes: read ? try? BoundedFileReader.read(path).get() : nil)
    }

    /// Paths added, removed or modified between `self` and `newer`, sorted.
    public func changes(to newer: HandbookSnapshot) -> [String] {
        Set(files.keys).union(newer.files.keys).filter { path in
            guard let old = files[path], let new = newer.files[path] else { return true }
            if old.stamp != new.stamp { return true }
            guard let oldBytes = old.bytes, let newBytes = new.bytes else { return false }
            return oldBytes != newBytes
        }.sorted()
    }
}

/// Polls a handbook for changes: cheap (one `stat` per file, and a read of each file saved moments before),
/// portable, and blind to nothing an editor does (write in place, write-and-rename, delete, create), at the cost of
/// noticing within one interval.
public final class ChangeWatcher {
    public let root: URL
    private var last: HandbookSnapshot

    public init(root: URL) {
        self.root = root
        self.last = HandbookSnapshot(root: root)
    }

    /// What changed since the previous call (or since the watcher was made); empty when nothing did.
    public func changes() -> [String] {
        let now = HandbookSnapshot(root: root, after: last)
        defer { last = now }
        return last.changes(to: now)
    }

    /// Looks again at the files not settled at the last look, just before a build reads the handbook: the next look
    /// then compares them with what the build read (but for a save in the milliseconds between the two), not with
    /// bytes from before a save it read.
    public func lookAgainAtUnsettled() {
        last = last.lookingAgainAtUnsettled(root: root)
    }

    /// Blocks until something changes and then stays unchanged for `settle` (an editor saving several
    /// files, or writing one in pieces, gives one rebuild), checking every `interval`. Returns what changed.
    public func waitForChanges(interval: TimeInterval = 0.5, settle: TimeInterval = 0.3) -> [String] {
        var changed: [String] = []
        while changed.isEmpty {
            Thread.sleep(forTimeInterval: interval)
            changed = changes()
        }
        while true {
            Thread.sleep(forTimeInterval: settle)
            let more = changes()
            if more.isEmpty { return changed }
            changed = Array(Set(changed).union(more)).sorted()
        }
    }
}
