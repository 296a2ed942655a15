import Crypto
import Foundation

/// Everything a build reads, stamped without reading it: `rex.yml`, the entries of `procedures/`, `incidents/`
/// and `templates/`, and the `rex` program itself. When the digest equals the one in the site's manifest and the
/// day is the same, a build would make the very same site, and nothing needs doing.
enum SourceStamps {
    /// `folder`: the handbook folder as `URL.handbookFolder` gives it; `now`: the clock read before anything of it
    /// was read. A source changed moments before may change again without its stamp showing it
    /// (`FileStamp.isSettled(at:)`): the digest then names this build alone, so that the next build reads what
    /// changed instead of trusting the stamps.
    static func digest(folder: URL, at now: Int64) -> String {
        var stamps = Stamps(base: folder.path, now: now)
        var lines = ["rex \(programStamp.map(\.description) ?? "unknown-\(UUID())")"]
        lines += paths(folder: folder).map { stamps.line($0) }
        if !stamps.settled { lines.append("unsettled \(stamps.now)") }
        return hex(SHA256.hash(data: Data(lines.joined(separator: "\n").utf8)))
    }

    /// The stamps of `templates/` and of each file in it: what a `--watch` session's templates were read under;
    /// nil while one of them is not settled (the templates are then read again at the next rebuild).
    static func templates(folder: URL) -> String? {
        var stamps = Stamps(base: folder.path, now: FileStamp.now())
        let lines = (["templates"] + entries(of: "templates", in: folder.path)).map { stamps.line($0) }
        return stamps.settled ? lines.joined(separator: "\n") : nil
    }

    /// The folders of a handbook whose files a build reads, besides `rex.yml`.
    static let folders = ["procedures", "incidents", "templates"]

    /// Every source a build reads, relative to the handbook folder `folder`: `rex.yml`, `procedures/`, `incidents/`
    /// and `templates/`, then each folder's entries (not hidden ones), in name order.
    static func paths(folder: URL) -> [String] {
        ["rex.yml"] + folders + folders.flatMap { entries(of: $0, in: folder.path) }
    }

    private static func entries(of folder: String, in base: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base + "/" + folder)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { folder + "/" + $0 }
    }

    /// Stamps taken one after the other, and whether all of them were settled at `now`, read before the first.
    private struct Stamps {
        let base: String
        let now: Int64
        var settled = true

        /// `path`, relative to the handbook, with its stamp.
        mutating func line(_ path: String) -> String {
            let stamp = FileStamp(path: base + "/" + path)
            if let stamp, !stamp.isSettled(at: now) { settled = false }
            return "\(path) \(stamp?.description ?? "none")"
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
