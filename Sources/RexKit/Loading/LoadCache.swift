import Foundation

/// What loading each file gave, by file and stamp, kept by `rex build-site --watch` from one rebuild to the next:
/// a file whose stamp (size, times, inode) and whose handbook defaults are unchanged is not read again.
public final class LoadCache: @unchecked Sendable {
    struct Entry {
        var stamp: FileStamp
        var defaults: String
        var value: Any?
        var diagnostics: [Diagnostic]
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    public init() {}

    /// The cached result for `file`, or `load()`'s (then kept).
    func result<T>(_ file: HandbookFile, defaults: String,
                   _ load: () -> (value: T?, diagnostics: [Diagnostic])) -> (value: T?, diagnostics: [Diagnostic]) {
        guard let stamp = FileStamp(path: file.root.path + "/" + file.relativePath) else { return load() }
        if let entry = lock.withLock({ entries[file.relativePath] }), entry.stamp == stamp, entry.defaults == defaults,
           entry.value == nil || entry.value is T {
            return (entry.value as? T, entry.diagnostics)
        }
        let result = load()
        lock.withLock {
            entries[file.relativePath] = Entry(stamp: stamp, defaults: defaults, value: result.value,
                                               diagnostics: result.diagnostics)
        }
        return result
    }
}
