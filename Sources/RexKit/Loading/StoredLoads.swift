import Crypto
import Foundation

/// What loading each handbook file gave, kept on disk so that the next `rex build-site` (a new process) reads again
/// only the files that changed: one entry per file in a folder of its own (`.site.rex-cache/procedures/x.yml`).
///
/// An entry is taken only when everything it was made under is still the same: the file's stamp (size,
/// modification and change times, inode — what the site's manifest already trusts to skip a build), the handbook's
/// default language, the `rex` program that wrote it, and the entry's own checksum. Anything else, or an entry that
/// cannot be read, and the file is loaded as if there were none. Writing an entry is best effort: a folder that
/// cannot be written only makes the next build slower.
struct StoredLoads: Sendable {
    let folder: URL
    /// The stamp of the program that writes and reads the entries: a new `rex` may load differently.
    let program: String

    /// What `file` gave when it had `stamp` under `defaults`, or nil when no entry holds for it.
    func value<Value: ModelCoding>(_ file: HandbookFile, stamp: FileStamp,
                                   defaults: String) -> (value: Value?, diagnostics: [Diagnostic])? {
        guard case .success(let data) = BoundedFileReader.read(entryPath(file), limit: 64 << 20),
              data.count > SHA256.byteCount else { return nil }
        let header = Data(header(Value.self, stamp: stamp, defaults: defaults).utf8)
        let body = data.prefix(data.count - SHA256.byteCount)
        guard body.starts(with: header), Data(SHA256.hash(data: body)) == data.suffix(SHA256.byteCount) else { return nil }
        let path = SourcePath(file.relativePath)
        return try? body.dropFirst(header.count).withUnsafeBytes { bytes in
            var reader = ModelReader(bytes, file: path)
            let value: Value? = try reader.optional { try $0.value() }
            let diagnostics: [Diagnostic] = try reader.array { try $0.value() }
            guard reader.isAtEnd else { throw ModelReader.Malformed() }
            return (value, diagnostics)
        }
    }

    /// Keeps what loading `file` gave, replacing its entry in one step.
    func keep<Value: ModelCoding>(_ result: (value: Value?, diagnostics: [Diagnostic]), for file: HandbookFile,
                                  stamp: FileStamp, defaults: String) {
        var writer = ModelWriter(path: file.relativePath)
        writer.optional(result.value) { $0.value($1) }
        writer.array(result.diagnostics) { $0.value($1) }
        var data = Data(header(Value.self, stamp: stamp, defaults: defaults).utf8)
        data.append(contentsOf: writer.bytes)
        data.append(contentsOf: SHA256.hash(data: data))
        let url = URL(filePath: entryPath(file))
        if (try? data.write(to: url, options: .atomic)) == nil {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? data.write(to: url, options: .atomic)
        }
    }

    /// Removes the entries of files no longer in the handbook (renamed or deleted), so the folder does not grow.
    func removeEntries(except files: [HandbookFile]) {
        let kept = Set(files.map(\.relativePath))
        for kind in ["procedures", "incidents"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path + "/" + kind)) ?? []
            for name in names where !kept.contains(kind + "/" + name) {
                try? FileManager.default.removeItem(atPath: folder.path + "/" + kind + "/" + name)
            }
        }
    }

    private func entryPath(_ file: HandbookFile) -> String { folder.path + "/" + file.relativePath }

    private func header<Value>(_: Value.Type, stamp: FileStamp, defaults: String) -> String {
        "rex-load 1\nprogram \(program)\nvalue \(Value.self)\nstamp \(stamp)\ndefaults \(defaults)\n\n"
    }
}
