import Foundation

/// What loading each handbook file gave, kept on disk so that the next `rex build-site` (a new process) reads again
/// only the files that changed. One file beside the site (`.site.rex-cache`) holds a record per handbook file: its
/// path, what it was loaded under, the model and diagnostics as bytes (`ModelBytes`), and the record's checksum
/// (`XXH64`).
///
/// A record is taken only when everything it was made under is still the same: the file's stamp (size,
/// modification and change times, inode — what the site's manifest already trusts to skip a build), the settings of
/// `rex.yml`, the value's type, the `rex` program that wrote it, and the record's own checksum. Anything
/// else, or a record that cannot be read, and the file is loaded as if there were none. Saving is best effort: a
/// folder that cannot be written only makes the next build slower.
///
/// The file is not read whole: a build reads where each record lies (its path, key and length), then each record it
/// takes, when it takes it. So each loading thread holds one record, not the build the file (130 MB at 15 000
/// documents).
///
/// A build adds the records of the files it loaded again at the end of the file, where the last record of a path
/// is the one taken: rewriting every record after a one-file change cost a build on a large handbook more than the
/// change itself. The file is written anew, in one step, when there is nothing to add to (none yet, another
/// program's, or bytes after the last whole record: a build that died while adding one), when a file was removed
/// from the handbook, or when the records left behind outweigh the ones taken. Two builds of one site at once may
/// lose each other's records (one adds to a file the other then replaces): the next build loads those files again.
final class StoredLoads: @unchecked Sendable {
    private struct Record {
        /// What the value was loaded under: type, stamp, settings.
        var key: String
        /// Where the whole record lies in the file: it is read, checked and copied whole.
        var whole: Range<Int>
    }

    /// What a record starts with: the path of its handbook file, its key, and its payload's length, whose bytes follow.
    private struct Head {
        var path: String, key: String, payloadLength: UInt64
        /// Where the payload starts, counted from the record's start.
        var end: Int

        /// Nil when `bytes` do not hold it whole.
        init?(_ bytes: UnsafeRawBufferPointer) {
            var reader = ModelReader(bytes, file: SourcePath(""))
            guard let path = try? reader.string(), let key = try? reader.string(), let length = try? reader.unsigned()
            else { return nil }
            (self.path, self.key, payloadLength, end) = (path, key, length, reader.offset)
        }
    }

    let file: URL
    private let header: Data
    private let lock = NSLock()
    /// The last saved records, open, and where each file's lies (its last record); nil when there is no file.
    private var saved: ReadOnlyFile?
    private var records: [String: Record] = [:]
    /// Where the whole records end in the saved file, after its header; 0 when it has not this program's header.
    private var wholeRecordsEnd = 0
    /// Whether records can be added at the end of the saved file: it is this program's, and its records are whole.
    private var canBeAddedTo: Bool { wholeRecordsEnd > 0 && wholeRecordsEnd == saved?.size }
    /// Where this build's records go while they are added: the saved file itself (`isAppending`), or a new one.
    private var pending: FileHandle?
    private var isAppending = false
    /// The size of each record this build wrote, by path.
    private var written: [String: Int] = [:]
    private var failed = false
    private var isIndexed = false
    /// Where the new records are written before they take the last ones' place (a name no other build uses).
    private var temporary: String { file.path + ".\(getpid()).new" }

    /// `program`: the stamp of the program that writes and reads the records (a new `rex` may load differently).
    init(file: URL, program: String) {
        self.file = file
        header = Data("rex-loads 2\nprogram \(program)\n\n".utf8)
    }

    /// What `file` gave when it had `stamp` under `settings` (`HandbookLoader.settingsKey`), or nil when no record
    /// holds for it.
    func value<Value: ModelCoding>(_ file: HandbookFile, stamp: FileStamp,
                                   settings: String) -> (value: Value?, diagnostics: [Diagnostic])? {
        let (saved, found): (ReadOnlyFile?, Record?) = lock.withLock {
            if !isIndexed { index() }
            return (self.saved, records[file.relativePath])
        }
        let expected = key(Value.self, stamp: stamp, settings: settings)
        guard let saved, let record = found, record.key == expected,
              let bytes = saved.read(offset: record.whole.lowerBound, length: record.whole.count)
        else { return nil }
        // The record read now is checked whole, its path and key again: the file may have been written over in place
        // since it was indexed (a copy, a backup put back).
        let checked = bytes.count - XXH64.byteCount
        guard bytes[..<checked].withUnsafeBytes(XXH64.checksum).elementsEqual(bytes[checked...]),
              let head = bytes.withUnsafeBytes(Head.init), head.path == file.relativePath, head.key == expected,
              head.end <= checked, head.payloadLength == UInt64(checked - head.end)
        else { return nil }
        return try? bytes[head.end..<checked].withUnsafeBytes { bytes in
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
        bytes += bytes.withUnsafeBytes(XXH64.checksum)
        lock.withLock { write(bytes, for: file.relativePath) }
    }

    /// Puts this build's records in place. Added to the saved file, they are in place already, unless the file is
    /// now due to be written anew. A new file ends with the records of the unchanged `files`, copied as they were,
    /// and takes the last one's place in one step (a rename): a reader sees the old records or the new, never half.
    func save(_ files: [HandbookFile]) {
        lock.lock()
        defer { lock.unlock() }
        if !isIndexed { index() }
        let paths = files.map(\.relativePath)
        defer {
            (pending, isAppending, written, failed) = (nil, false, [:], false)
            // Read again when next asked (a `--watch` session's next rebuild), not by a build that ends here.
            (saved, records, isIndexed) = (nil, [:], false)
        }
        if isAppending {
            if let pending, (try? pending.close()) == nil { failed = true }
            let taken = paths.reduce(0) { $0 + (written[$1] ?? records[$1]?.whole.count ?? 0) }
            let size = wholeRecordsEnd + written.values.reduce(0, +)
            let removed = !Set(records.keys).isSubset(of: paths)
            guard failed || removed || size - header.count > 2 * taken else { return }
            // Written anew from the file as it now is, with this build's records at its end.
            index()
            (pending, written, failed) = (nil, [:], false)
            startNewFile()
        } else if pending == nil {
            // Nothing added: written anew when there is nothing the next build could add to, or to drop the records
            // of removed files. A file with no record (one changed moments ago, read but not kept) is no reason: it
            // was, and every build right after a change wrote all the records again.
            guard !canBeAddedTo || !Set(records.keys).isSubset(of: paths) else { return }
            startNewFile()
        }
        for path in paths where written[path] == nil {
            // A record that can no longer be read (the file cut short since) is left out: its file is loaded next time.
            if let record = records[path], let bytes = saved?.read(offset: record.whole.lowerBound, length: record.whole.count) {
                write(bytes, for: path)
            }
        }
        if let pending, (try? pending.close()) == nil { failed = true }
        if failed || rename(temporary, file.path) != 0 { unlink(temporary) }
    }

    /// Adds a record to the saved file when its records are whole and it is as this build read it, otherwise to a
    /// new file (made on the first record), so that no record is held in memory until the save. Called under the
    /// lock; a failure only means no new records.
    private func write(_ record: some DataProtocol, for path: String) {
        if pending == nil, !failed {
            // Opened to append: a record another build adds meanwhile goes after this one, not over it.
            let descriptor = canBeAddedTo ? open(file.path, O_WRONLY | O_APPEND | O_CLOEXEC) : -1
            if descriptor >= 0 {
                let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
                if (try? handle.seekToEnd()) == UInt64(wholeRecordsEnd) {
                    (pending, isAppending) = (handle, true)
                } else {
                    try? handle.close()  // changed since it was read: written anew
                }
            }
            if pending == nil { startNewFile() }
        }
        guard !failed, let pending else { return }
        if (try? pending.write(contentsOf: record)) == nil { failed = true }
        written[path] = record.count
    }

    /// Starts the new file with its header. Called under the lock.
    private func startNewFile() {
        guard FileManager.default.createFile(atPath: temporary, contents: header),
              let handle = FileHandle(forWritingAtPath: temporary), (try? handle.seekToEnd()) != nil else {
            failed = true
            return
        }
        pending = handle
    }

    /// Finds where each saved record lies, reading each one's path, key and length, not its payload; a record cut
    /// short ends the list (each one is checked when it is taken). Called under the lock.
    private func index() {
        isIndexed = true
        (saved, records, wholeRecordsEnd) = (ReadOnlyFile(file.path), [:], 0)
        guard let saved, saved.read(offset: 0, length: header.count) == header else { return }
        var offset = header.count
        while true {
            wholeRecordsEnd = offset
            guard offset < saved.size, let (path, record) = recordAt(offset, in: saved) else { return }
            records[path] = record
            offset = record.whole.upperBound
        }
    }

    /// The path and place of the record at `offset`; nil when it is not whole. Its head is read 512 bytes at first,
    /// more while it does not fit, up to `longestHead` (a longer one is damage: a path and a key are short).
    private func recordAt(_ offset: Int, in saved: ReadOnlyFile) -> (path: String, record: Record)? {
        let rest = saved.size - offset
        var length = min(512, rest)
        while true {
            guard let start = saved.read(offset: offset, length: length) else { return nil }
            guard let head = start.withUnsafeBytes(Head.init) else {
                guard length < min(rest, Self.longestHead) else { return nil }
                length = min(2 * length, rest, Self.longestHead)
                continue
            }
            let room = rest - head.end - XXH64.byteCount
            guard room >= 0, head.payloadLength <= UInt64(room) else { return nil }
            let end = offset + head.end + Int(head.payloadLength) + XXH64.byteCount
            return (head.path, Record(key: head.key, whole: offset..<end))
        }
    }

    private static let longestHead = 1 << 20

    private func key<Value>(_: Value.Type, stamp: FileStamp, settings: String) -> String {
        "value \(Value.self)\nstamp \(stamp)\nsettings \(settings)"
    }
}
