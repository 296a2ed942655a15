import Crypto
import Foundation

/// What loading each handbook file gave, kept on disk so that the next `rex build-site` (a new process) reads again
/// only the files that changed. One file beside the site (`.site.rex-cache`) holds a record per handbook file: its
/// path, what it was loaded under, the model and diagnostics as bytes (`ModelBytes`), and the record's SHA-256.
///
/// A record is taken only when everything it was made under is still the same: the file's stamp (size,
/// modification and change times, inode — what the site's manifest already trusts to skip a build), the settings of
/// `rex.yml`, the value's type, the `rex` program that wrote it, and the record's own checksum. Anything
/// else, or a record that cannot be read, and the file is loaded as if there were none. Saving is best effort: a
/// folder that cannot be written only makes the next build slower.
final class StoredLoads: @unchecked Sendable {
    private struct Record {
        /// What the value was loaded under: type, stamp, settings.
        var key: String
        var payload: Range<Int>
        /// The record's bytes without its checksum, and the checksum.
        var checked: Range<Int>, checksum: Range<Int>
        /// The whole record, copied as it is when its file did not change.
        var whole: Range<Int>
    }

    let file: URL
    private let header: Data
    private let lock = NSLock()
    /// The last saved records and where each file's lies.
    private var saved = Data()
    private var records: [String: Record] = [:]
    /// The new file, while records are added to it, and whose records it has.
    private var pending: FileHandle?
    private var written: Set<String> = []
    private var failed = false
    private var isIndexed = false
    /// Where the new records are written before they take the last ones' place (a name no other build uses).
    private var temporary: String { file.path + ".\(getpid()).new" }

    /// `program`: the stamp of the program that writes and reads the records (a new `rex` may load differently).
    init(file: URL, program: String) {
        self.file = file
        header = Data("rex-loads 1\nprogram \(program)\n\n".utf8)
    }

    /// What `file` gave when it had `stamp` under `settings` (`HandbookLoader.settingsKey`), or nil when no record
    /// holds for it.
    func value<Value: ModelCoding>(_ file: HandbookFile, stamp: FileStamp,
                                   settings: String) -> (value: Value?, diagnostics: [Diagnostic])? {
        let (saved, found): (Data, Record?) = lock.withLock {
            if !isIndexed { index() }
            return (self.saved, records[file.relativePath])
        }
        guard let record = found, record.key == key(Value.self, stamp: stamp, settings: settings),
              Data(SHA256.hash(data: saved[record.checked])) == saved[record.checksum] else { return nil }
        return try? saved[record.payload].withUnsafeBytes { bytes in
            try ModelReader.whole(bytes, file: SourcePath(file.relativePath)) { reader in
                (try reader.optional { try $0.value() } as Value?, try reader.array { try $0.value() } as [Diagnostic])
            }
        }
    }

    /// Keeps what loading `file` gave, for `save`.
    func keep<Value: ModelCoding>(_ result: (value: Value?, diagnostics: [Diagnostic]), for file: HandbookFile,
                                  stamp: FileStamp, settings: String) {
        var payload = ModelWriter(path: file.relativePath)
        payload.optional(result.value) { $0.value($1) }
        payload.array(result.diagnostics) { $0.value($1) }
        var record = ModelWriter(path: file.relativePath)
        record.string(file.relativePath)
        record.string(key(Value.self, stamp: stamp, settings: settings))
        record.unsigned(UInt64(payload.bytes.count))
        var bytes = record.bytes + payload.bytes
        bytes += SHA256.hash(data: bytes)
        lock.withLock { write(bytes, for: file.relativePath) }
    }

    /// Ends the new records with those of the unchanged `files`, copied as they were, and puts them in the last
    /// ones' place in one step (a rename): a reader sees the old records or the new, never half of them.
    func save(_ files: [HandbookFile]) {
        lock.lock()
        defer { lock.unlock() }
        if !isIndexed { index() }
        let paths = files.map(\.relativePath)
        guard pending != nil || Set(records.keys) != Set(paths) else { return }
        for path in paths where !written.contains(path) {
            if let record = records[path] { write(saved[record.whole], for: path) }
        }
        if let pending, (try? pending.close()) == nil { failed = true }
        if failed || rename(temporary, file.path) != 0 { unlink(temporary) }
        (pending, written, failed) = (nil, [], false)
        // Read again when next asked (a `--watch` session's next rebuild), not by a build that ends here.
        (saved, records, isIndexed) = (Data(), [:], false)
    }

    /// Adds a record to the new file (made on the first), so that no record is held in memory until the save.
    /// Called under the lock; a failure only means no new file.
    private func write(_ record: some DataProtocol, for path: String) {
        guard !failed else { return }
        if pending == nil {
            guard FileManager.default.createFile(atPath: temporary, contents: header),
                  let handle = FileHandle(forWritingAtPath: temporary), (try? handle.seekToEnd()) != nil else {
                failed = true
                return
            }
            pending = handle
        }
        if (try? pending?.write(contentsOf: record)) == nil { failed = true }
        written.insert(path)
    }

    /// Reads the saved records and finds where each lies; a record cut short ends the list (each one is checked
    /// when it is taken). Called under the lock. Read, not mapped: a mapped file cut short by another program, or
    /// on a network share that drops, would end the build with SIGBUS where a read gives an error or the bytes.
    private func index() {
        isIndexed = true
        let data = (try? Data(contentsOf: file)) ?? Data()
        saved = data
        records = [:]
        guard data.starts(with: header) else { return }
        data.withUnsafeBytes { bytes in
            var reader = ModelReader(bytes, file: SourcePath(""))
            _ = try? reader.skip(header.count)
            while !reader.isAtEnd {
                let start = reader.offset
                guard let path = try? reader.string(), let key = try? reader.string(),
                      let length = try? reader.unsigned(), length <= UInt64(Int.max),
                      let payload = try? reader.skip(Int(length)), let checksum = try? reader.skip(SHA256.byteCount)
                else { return }
                records[path] = Record(key: key, payload: payload, checked: start..<checksum.lowerBound,
                                       checksum: checksum, whole: start..<checksum.upperBound)
            }
        }
    }

    private func key<Value>(_: Value.Type, stamp: FileStamp, settings: String) -> String {
        "value \(Value.self)\nstamp \(stamp)\nsettings \(settings)"
    }
}
