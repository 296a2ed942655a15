import Foundation

/// What a build renders that the next build may use again, by key (`BuildKeys`): each binder chapter's HTML and
/// each document's search entries. `rex build-site --watch` keeps one across rebuilds, so that a save re-renders
/// only the chapter and the entries of what changed; a single build starts with an empty one.
public final class RenderCache: @unchecked Sendable {
    private let lock = NSLock()
    private var chapters: [String: String] = [:]
    private var entries: [String: [SearchIndex.Entry]] = [:]
    private var used: Set<String> = []

    public init() {}

    func chapter(_ key: String, _ make: () throws -> String) rethrows -> String {
        if let html = lock.withLock({ used.insert(key); return chapters[key] }) { return html }
        let html = try make()
        lock.withLock { chapters[key] = html }
        return html
    }

    func searchEntries(_ key: String, _ make: () -> [SearchIndex.Entry]) -> [SearchIndex.Entry] {
        if let found = lock.withLock({ used.insert(key); return entries[key] }) { return found }
        let made = make()
        lock.withLock { entries[key] = made }
        return made
    }

    /// Forgets what the last build that rendered anything did not use (a changed or removed document's old chapter
    /// and entries); a build that rendered nothing forgets nothing.
    public func sweep() {
        lock.withLock {
            guard !used.isEmpty else { return }
            chapters = chapters.filter { used.contains($0.key) }
            entries = entries.filter { used.contains($0.key) }
            used = []
        }
    }
}
