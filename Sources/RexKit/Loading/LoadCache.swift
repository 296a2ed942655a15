import Foundation

/// What loading each file gave, by file and stamp: a file whose stamp (size, times, inode), once settled
/// (`FileStamp.isSettled(at:)`), and whose handbook settings are unchanged is not read again. `rex build-site
/// --watch` keeps one in memory from one rebuild to the next; `rex build-site` also keeps them in a file beside the
/// site (`StoredLoads`), for the next build.
public final class LoadCache: @unchecked Sendable {
    struct Entry {
        var stamp: FileStamp
        var settings: String
        var value: Any?
        var diagnostics: [Diagnostic]
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var stored: StoredLoads?
    private let storesOnce: Bool

    public init() { (stored, storesOnce) = (nil, false) }

    /// Kept in `file` too, under the stamp of the program (`program`) that loads. `firstLoadOnly` (a `--watch`
    /// session): the records are taken and saved by the first load only. Saving every record again after each
    /// change cost a rebuild a sixth of its time; a record a later change leaves behind is not taken (its stamp
    /// differs), so the next one-off build loads that file again.
    init(storedIn file: URL, program: String, firstLoadOnly: Bool = false) {
        (stored, storesOnce) = (StoredLoads(file: file, program: program), firstLoadOnly)
    }

    /// The cached result for `file`, or `load()`'s (then kept).
    func result<T: ModelCoding>(_ file: HandbookFile, settings: String,
                                _ load: () -> (value: T?, diagnostics: [Diagnostic])) -> (value: T?, diagnostics: [Diagnostic]) {
        // A file changed moments ago is read, and not kept: a second change within its times' tick would not show.
        let now = FileStamp.now()
        guard let stamp = FileStamp(path: file.path), stamp.isSettled(at: now) else {
            return load()
        }
        if let entry = lock.withLock({ entries[file.relativePath] }), entry.stamp == stamp, entry.settings == settings,
           entry.value == nil || entry.value is T {
            return (entry.value as? T, entry.diagnostics)
        }
        let stored = lock.withLock { self.stored }
        let kept: (value: T?, diagnostics: [Diagnostic])? = stored?.value(file, stamp: stamp, settings: settings)
        let result = kept ?? load()
        if kept == nil { stored?.keep(result, for: file, stamp: stamp, settings: settings) }
        lock.withLock {
            entries[file.relativePath] = Entry(stamp: stamp, settings: settings, value: result.value,
                                               diagnostics: result.diagnostics)
        }
        return result
    }

    /// Called once a load is done: forgets the files no longer in the handbook (renamed or deleted), and saves the
    /// records of the others when they are stored.
    func finish(_ files: [HandbookFile]) {
        let paths = Set(files.map(\.relativePath))
        let stored = lock.withLock {
            entries = entries.filter { paths.contains($0.key) }
            defer { if storesOnce { self.stored = nil } }
            return self.stored
        }
        stored?.save(files)
    }
}
