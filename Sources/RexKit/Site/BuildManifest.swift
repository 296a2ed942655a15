import Crypto
import Foundation

/// What a build left in its site (`.rex-manifest`), so the next build can do only what changed: for each file,
/// the key of what it was made from, the hash of its bytes and how the build left it (`Placement`: the next build
/// trusts a file that still has it without hashing it); the stamps of every source the build read; the counts and
/// diagnostics it printed; where in the binder, the index and the search data each chapter, row and document's
/// entries lie (`Part`); each document's catalog line as its hash. So the next build takes the unchanged ones from
/// there instead of making them again. Plain text, one record a line, tabs between fields.
struct BuildManifest: Equatable, Sendable {
    static let name = ".rex-manifest"
    private static let header = "rex-manifest 6"

    struct Entry: Equatable, Sendable {
        /// What the file was made from (`SitePlan`): the same key gives the same bytes.
        var key: String
        /// The hash of the file's bytes (`ContentHash`), in hex.
        var content: String
        var size: Int
        /// How the build left the file in the site; nil when not known (the next build makes the file again).
        var placed: Placement?

        /// The entry of a file made from `key` whose bytes are `bytes`.
        init(key: String, bytes: Pieces) {
            self.init(key: key, content: Self.content(of: bytes), size: bytes.count)
        }

        init(key: String, content: String, size: Int, placed: Placement? = nil) {
            (self.key, self.content, self.size, self.placed) = (key, content, size, placed)
        }

        /// Whether a file with this stamp is the one the build left: its size, modification time and inode are the
        /// ones recorded. Only then does the next build keep it or link it, its bytes taken to be the recorded ones;
        /// a file edited, touched or put back since (by a hand, an editor, a copy) is made again. Not seen: an edit in
        /// place at the same size within the tick of the file's times, or one whose modification time is put back.
        func isPlaced(as stamp: FileStamp?) -> Bool {
            guard let stamp, let placed else { return false }
            return Int(stamp.size) == size && Placement(stamp) == placed
        }

        /// The hash of the bytes, piece by piece; each part (a chunk of its own) by its recorded hash.
        private static func content(of bytes: Pieces) -> String {
            var hash = ContentHash()
            var parts = bytes.parts[...], offset = 0
            for chunk in bytes.chunks {
                if let part = parts.first, part.offset == offset {
                    hash.part(part.hash)
                    parts.removeFirst()
                } else {
                    hash.update(chunk)
                }
                offset += chunk.count
            }
            return hash.hex
        }
    }

    /// An entry's `content`, of bytes given piece by piece (a file written as its parts come: `StreamedFile`): the
    /// SHA-256 of a file without parts; of a file with parts (the binder, the search data), the SHA-256 of the
    /// SHA-256s of its stretches around and between them and of its parts, in order, so that a part taken back from
    /// the previous site is copied by the system without being read or hashed again (its hash is recorded).
    struct ContentHash {
        private var stretch = SHA256()
        /// The hashes so far, once a part came.
        private var hashes: SHA256?

        mutating func update(_ data: Data) { stretch.update(data: data) }

        /// A part, by the SHA-256 (hex) of its bytes.
        mutating func part(_ hash: String) {
            var hashes = self.hashes ?? SHA256()
            hashes.update(data: Data(RexKit.hex(stretch.finalize()).utf8))
            hashes.update(data: Data(hash.utf8))
            (self.hashes, stretch) = (hashes, SHA256())
        }

        var hex: String {
            guard var hashes else { return RexKit.hex(stretch.finalize()) }
            hashes.update(data: Data(RexKit.hex(stretch.finalize()).utf8))
            return RexKit.hex(hashes.finalize())
        }
    }

    /// A file as a build left it in the site: its modification time and inode. Linking the file under another name,
    /// or removing one (as each build does with the files it keeps), changes neither; writing to it changes the time,
    /// and replacing it the inode.
    struct Placement: Equatable, Sendable {
        var modified: Int64
        var inode: UInt64
    }

    typealias Part = Pieces.Part

    /// `SourceStamps.digest` of the build that wrote the site.
    var sources: String
    /// The day it was built for, and the handbook's time zone that day was taken in.
    var today: String
    var timeZone: String
    var procedures: Int
    var incidents: Int
    var diagnostics: [Diagnostic]
    /// By path inside the site.
    var files: [String: Entry]
    /// By path inside the site, in the file's order.
    var parts: [String: [Part]] = [:]
    /// Each document's catalog line, as its hash, by its `RenderCache` key (`BuildKeys.catalogLines`).
    var catalogLines: [String: String] = [:]
    /// What every key of the build was salted with (`BuildKeys.salt`): its parts are of use only to a build with
    /// the same templates, settings, day and program.
    var salt = ""

    /// Whether the site at `folder` is as the build that wrote this manifest left it: every file with its placement
    /// (`Entry.isPlaced`), and no other entry but the marker and the manifest. A site with a file altered, removed or
    /// added since is not what a build would make.
    func describesSite(at folder: URL) -> Bool {
        let prefix = folder.path + "/"
        return hasAsManyEntries(at: folder)
            && !parallelMap(Array(files)) { $0.value.isPlaced(as: FileStamp(path: prefix + $0.key)) }.contains(false)
    }

    /// Whether the folder has as many entries as the site this manifest records (its files and folders, the marker
    /// and the manifest), counted from the folders' listings alone. The folders are the ones a build makes
    /// (`SiteFiles.folders(of:)`: a site's files lie one folder deep); a manifest naming deeper files never matches.
    func hasAsManyEntries(at folder: URL) -> Bool {
        SiteFiles.entryCount(in: folder.path) == files.count + SiteFiles.folders(of: files.keys).count + 2
    }

    /// The manifest as written to the site.
    func data() -> Data {
        var data = Data()
        write { data.append($0) }
        return data
    }

    /// The manifest as written to the site, handed to `sink` in pieces of about 64 KB: a build writes them as they
    /// come, since at its very end (its memory peak) the whole manifest would be megabytes more.
    func write(to sink: (Data) throws -> Void) rethrows {
        // Bytes gathered in an array: appending text to `Data` casts each piece on its way in.
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 16 + 1 << 10)
        try forEachLine { fields in
            for (index, field) in fields.enumerated() {
                if index > 0 { chunk.append(UInt8(ascii: "\t")) }
                chunk.append(contentsOf: field.utf8)
            }
            chunk.append(UInt8(ascii: "\n"))
            if chunk.count >= 1 << 16 {
                try sink(Data(chunk))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { try sink(Data(chunk)) }
    }

    /// Each line's fields, in the manifest's order.
    private func forEachLine(_ line: ([String]) throws -> Void) rethrows {
        try line([Self.header])
        try line(["sources", sources])
        try line(["salt", salt])
        try line(["today", today, timeZone])
        try line(["counts", String(procedures), String(incidents)])
        for diagnostic in diagnostics {
            let location = diagnostic.location
            try line(["diagnostic", diagnostic.severity.rawValue, diagnostic.rule, escaped(location.path),
                      String(location.line), String(location.column), diagnostic.suggestion.map(escaped) ?? "-",
                      escaped(diagnostic.message)])
        }
        for (path, entry) in files.sorted(by: { $0.key < $1.key }) {
            try line(["file", entry.key, entry.content, String(entry.size), entry.placed.map { String($0.modified) } ?? "-",
                      entry.placed.map { String($0.inode) } ?? "-", escaped(path)])
        }
        for (path, parts) in parts.sorted(by: { $0.key < $1.key }) {
            for part in parts {
                try line(["part", part.key, String(part.offset), String(part.length), part.hash, escaped(path)])
            }
        }
        for (key, hash) in catalogLines.sorted(by: { $0.key < $1.key }) {
            try line(["catalog", key, hash])
        }
    }

    /// The manifest of the site at `folder`; nil when there is none or it cannot be read (a full build follows).
    static func read(from folder: URL) -> BuildManifest? {
        guard let data = FileManager.default.contents(atPath: folder.appending(path: name).path) else { return nil }
        // Split as bytes, by hand: splitting a String walks its characters, and the generic `split` was most of the
        // time of reading a large site's manifest.
        let bytes = [UInt8](data)
        guard let firstEnd = bytes.firstIndex(of: UInt8(ascii: "\n")),
              String(decoding: bytes[..<firstEnd], as: UTF8.self) == header else { return nil }
        var manifest = BuildManifest(sources: "", today: "", timeZone: "", procedures: 0, incidents: 0, diagnostics: [],
                                     files: [:])
        var fields: [String] = []
        var lineStart = firstEnd + 1
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            guard lineEnd > lineStart else { continue }
            fields.removeAll(keepingCapacity: true)
            var start = lineStart
            while let tab = bytes[start ..< lineEnd].firstIndex(of: UInt8(ascii: "\t")) {
                fields.append(String(decoding: bytes[start ..< tab], as: UTF8.self))
                start = tab + 1
            }
            fields.append(String(decoding: bytes[start ..< lineEnd], as: UTF8.self))
            switch (fields.first, fields.count) {
            case ("sources", 2):
                manifest.sources = fields[1]
            case ("salt", 2):
                manifest.salt = fields[1]
            case ("today", 3):
                (manifest.today, manifest.timeZone) = (fields[1], fields[2])
            case ("counts", 3):
                guard let procedures = Int(fields[1]), let incidents = Int(fields[2]) else { return nil }
                (manifest.procedures, manifest.incidents) = (procedures, incidents)
            case ("diagnostic", 8):
                guard let severity = Severity(rawValue: fields[1]), let line = Int(fields[4]), let column = Int(fields[5])
                else { return nil }
                manifest.diagnostics.append(Diagnostic(severity, unescaped(fields[7]),
                                                       at: SourceLocation(path: unescaped(fields[3]), line: line, column: column),
                                                       rule: fields[2], suggestion: fields[6] == "-" ? nil : unescaped(fields[6])))
            case ("file", 7):
                guard let size = Int(fields[3]) else { return nil }
                let placed = Int64(fields[4]).flatMap { modified in UInt64(fields[5]).map { Placement(modified: modified, inode: $0) } }
                manifest.files[unescaped(fields[6])] = Entry(key: fields[1], content: fields[2], size: size, placed: placed)
            case ("catalog", 3):
                manifest.catalogLines[fields[1]] = fields[2]
            case ("part", 6):
                guard let offset = Int(fields[2]), let length = Int(fields[3]) else { return nil }
                manifest.parts[unescaped(fields[5]), default: []].append(Part(key: fields[1], offset: offset, length: length,
                                                                              hash: fields[4]))
            default:
                return nil
            }
        }
        return manifest
    }
}

extension BuildManifest.Placement {
    init(_ stamp: FileStamp) {
        self.init(modified: stamp.modified, inode: stamp.inode)
    }
}

/// Backslash, tab, line feed and carriage return written as `\\`, `\t`, `\n`, `\r`; a lone `-` as `\-` (it
/// stands for "none"). Every field stays on its line.
private func escaped(_ text: String) -> String {
    text == "-" ? "\\-" : fieldEscapes.apply(to: text)
}

private let fieldEscapes = ByteEscapes(["\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"])

private func unescaped(_ text: String) -> String {
    if !text.utf8.contains(UInt8(ascii: "\\")) { return text }
    var result = ""
    var escaping = false
    for character in text.unicodeScalars {
        if escaping {
            switch character {
            case "t": result += "\t"
            case "n": result += "\n"
            case "r": result += "\r"
            default: result.unicodeScalars.append(character)
            }
            escaping = false
        } else if character == "\\" {
            escaping = true
        } else {
            result.unicodeScalars.append(character)
        }
    }
    return result
}
