import Crypto
import Foundation

/// Everything a build reads, stamped without reading it: `rex.yml`, the entries of `procedures/`, `incidents/`
/// and `templates/`, and the `rex` program itself. When the digest equals the one in the site's manifest and the
/// day is the same, a build would make the very same site, and nothing needs doing.
enum SourceStamps {
    /// `folder`: the handbook folder as `URL.handbookFolder` gives it.
    static func digest(folder: URL) -> String {
        var lines = ["rex \(programStamp.map(\.description) ?? "unknown-\(UUID())")"]
        let base = folder.path
        for path in ["rex.yml", "procedures", "incidents", "templates"] {
            lines.append("\(path) \(FileStamp(path: base + "/" + path)?.description ?? "none")")
        }
        for folder in ["procedures", "incidents", "templates"] {
            lines += entries(of: folder, in: base)
        }
        return hex(SHA256.hash(data: Data(lines.joined(separator: "\n").utf8)))
    }

    /// The stamps of `templates/` and of each file in it: what a `--watch` session's templates were read under.
    static func templates(folder: URL) -> String {
        let base = folder.path
        return (["templates \(FileStamp(path: base + "/templates")?.description ?? "none")"]
                + entries(of: "templates", in: base)).joined(separator: "\n")
    }

    private static func entries(of folder: String, in base: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base + "/" + folder)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { name in
            "\(folder)/\(name) \(FileStamp(path: base + "/" + folder + "/" + name)?.description ?? "none")"
        }
    }

    /// The running program's stamp: a new `rex` may render differently (its built-in templates, its code).
    /// Nil when it cannot be found; the digest is then never equal to an earlier one.
    static let programStamp: FileStamp? = {
        #if os(Linux)
        if let stamp = FileStamp(path: "/proc/self/exe") { return stamp }
        #endif
        return Bundle.main.executableURL.flatMap { FileStamp(path: $0.path) }
    }()
}
