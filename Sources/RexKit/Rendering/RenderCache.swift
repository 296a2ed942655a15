import Foundation

/// What a build derives that another build may use again, by key (`BuildKeys`): each procedure's view, each binder
/// chapter's HTML, each document's search entries (as JSON) and catalog line. A new process starts it with the
/// catalog lines, chapters and search entries of the site it rebuilds (`PreviousParts`). One build starts with an empty cache
/// and shares it between its threads (a procedure's view is built once, whichever output needs it first);
/// `rex build-site --watch` keeps one across rebuilds, so that a save re-renders only what changed.
public final class RenderCache: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: any Sendable] = [:]
    private var used: Set<String> = []
    /// How many more times a shared value will be asked for in this build (`shared(_:askedFor:_:)`).
    private var asks: [String: Int] = [:]
    /// Held while a shared value is made, so that a second asker waits for it instead of making it again.
    private let makers = (0..<16).map { _ in NSLock() }
    /// Whether binder chapters and search entries are kept once made: only a cache that outlives its build
    /// (`--watch`) needs them again; a one-off build uses each once, and keeping them all held two copies of the
    /// binder and the search data in memory until the build ended.
    private let keepsParts: Bool

    public init(keepingParts: Bool = true) {
        keepsParts = keepingParts
    }

    /// The value stored under `key`, or `make()`'s, stored. Made outside the lock, so two threads never wait on
    /// each other's work; if both make it, the first stored wins.
    func value<T: Sendable>(_ key: String, _ make: () throws -> T) rethrows -> T {
        if let found = lock.withLock({ used.insert(key); return values[key] as? T }) { return found }
        let made = try make()
        return lock.withLock {
            if let stored = values[key] as? T { return stored }
            values[key] = made
            return made
        }
    }

    /// A value several outputs of a build ask for (a procedure's view, by its page and its checklist; the binder's
    /// layout): made once — an asker arriving while it is made waits for it, since both would need the same work —
    /// and, in a cache that keeps nothing between builds, let go once all `askers` had it (only a build that renders
    /// all of them asks that often; a value asked for less, or with no count, stays to the end of the build).
    /// `make` must not ask this cache.
    func shared<T: Sendable>(_ key: String, askedFor askers: Int? = nil, _ make: () throws -> T) rethrows -> T {
        if let found = take(key, as: T.self) { return found }
        let maker = makers[abs(key.hashValue % makers.count)]
        maker.lock()
        defer { maker.unlock() }
        if let found = take(key, as: T.self) { return found }
        let made = try make()
        lock.withLock {
            used.insert(key)
            if keepsParts || askers == nil {
                values[key] = made
            } else if let askers, askers > 1 {
                values[key] = made
                asks[key] = askers - 1
            }
        }
        return made
    }

    private func take<T>(_ key: String, as: T.Type) -> T? {
        lock.withLock {
            guard let found = values[key] as? T else { return nil }
            used.insert(key)
            if !keepsParts, let left = asks[key] {
                if left <= 1 {
                    values[key] = nil
                    asks[key] = nil
                } else {
                    asks[key] = left - 1
                }
            }
            return found
        }
    }

    /// A binder chapter or a document's search entries: made, or taken from what an earlier build left
    /// (`seed`); kept for the next build only when this cache keeps parts, with its hash (`HeldPart`). A part seeded
    /// from the previous site is given as it is (`KeptPart`), for the new file to copy, unless this cache keeps parts:
    /// then it is read from its file now, or made when that cannot be done.
    func part(_ key: String, _ make: () throws -> Data) rethrows -> PartBytes {
        if keepsParts {
            return .held(try value(key) {
                let stored = lock.withLock { values[key] }  // prepared by a checklist, or seeded from the site
                return HeldPart(try stored as? Data ?? (stored as? KeptPart)?.read() ?? make())
            })
        }
        let seeded = lock.withLock { values.removeValue(forKey: key) }
        if let data = seeded as? Data { return .made(data) }
        if let kept = seeded as? KeptPart { return .kept(kept) }
        return .made(try make())
    }

    /// Makes and stores a binder chapter or search entries under `key` for a later `part(_:_:)` to take, unless
    /// something is stored there already.
    func prepare(_ key: String, _ make: () throws -> Data) rethrows {
        guard lock.withLock({ values[key] == nil }) else { return }
        seed(key, try make())
    }

    /// True before anything was stored.
    var isEmpty: Bool { lock.withLock { values.isEmpty } }

    /// Stores what an earlier build made under `key` (`PreviousParts`), unless something is stored there already.
    func seed(_ key: String, _ value: some Sendable) {
        lock.withLock {
            if values[key] == nil { values[key] = value }
        }
    }

    /// Forgets what the last build that derived anything did not use (a changed or removed document's old view,
    /// chapter and entries); a build that used nothing forgets nothing.
    public func sweep() {
        lock.withLock {
            guard !used.isEmpty else { return }
            values = values.filter { used.contains($0.key) }
            used = []
        }
    }
}
