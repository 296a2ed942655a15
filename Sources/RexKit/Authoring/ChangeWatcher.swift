import Foundation

/// The state of a handbook's sources that a rebuild depends on: `rex.yml` and the entries of
/// `procedures/`, `incidents/` and `templates/`, each with its stamp (size, times, inode).
public struct HandbookSnapshot: Equatable, Sendable {
    /// The folders whose direct entries are watched, besides `rex.yml`.
    static let folders = ["procedures", "incidents", "templates"]

    private(set) var stamps: [String: FileStamp]

    /// Reads the sizes and times of every watched file (a missing file or folder simply is not there).
    public init(root: URL) {
        var stamps: [String: FileStamp] = [:]
        let fileManager = FileManager.default
        let base = root.path
        func record(_ relative: String) {
            // One stat(2) per file (links followed, as the loader reads the target): cheap at every poll.
            stamps[relative] = FileStamp(path: base + "/" + relative)
        }
        record("rex.yml")
        for folder in Self.folders {
            let names = (try? fileManager.contentsOfDirectory(atPath: root.appending(path: folder).path)) ?? []
            // Editors' swap and backup files come and go while typing; they change nothing Rex reads.
            for name in names where !name.hasPrefix(".") && !name.hasSuffix("~") && !name.hasSuffix(".swp") {
                record("\(folder)/\(name)")
            }
        }
        self.stamps = stamps
    }

    /// Paths added, removed or modified between `self` and `newer`, sorted.
    public func changes(to newer: HandbookSnapshot) -> [String] {
        Set(stamps.keys).union(newer.stamps.keys).filter { stamps[$0] != newer.stamps[$0] }.sorted()
    }
}

/// Polls a handbook for changes: cheap (one `stat` per file), portable, and blind to nothing an editor
/// does (write in place, write-and-rename, delete, create), at the cost of noticing within one interval.
public final class ChangeWatcher {
    public let root: URL
    private var last: HandbookSnapshot

    public init(root: URL) {
        self.root = root
        self.last = HandbookSnapshot(root: root)
    }

    /// What changed since the previous call (or since the watcher was made); empty when nothing did.
    public func changes() -> [String] {
        let now = HandbookSnapshot(root: root)
        defer { last = now }
        return last.changes(to: now)
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
