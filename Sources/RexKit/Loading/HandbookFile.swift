import Foundation

/// A file of the handbook to read: found by listing `procedures/` or `incidents/`, or `rex.yml`.
struct HandbookFile: Sendable {
    let root: URL
    /// `procedures/aria-restore.yml`.
    let relativePath: String
    /// The folder it was listed in resolves to itself, inside the handbook: a file there that is not a
    /// symbolic link is inside the handbook too, and needs no resolving.
    let plainFolder: Bool
    /// `root`'s path and `relativePath`: made once (`URL.path` costs thousands of instructions, a handbook file is
    /// stamped and read by it).
    let path: String

    init(root: URL, relativePath: String, plainFolder: Bool, rootPath: String? = nil) {
        (self.root, self.relativePath, self.plainFolder) = (root, relativePath, plainFolder)
        path = (rootPath ?? root.path) + "/" + relativePath
    }

    var name: String { String(relativePath.split(separator: "/").last ?? "") }

    /// The `*.yml` files of a folder, sorted; other files there are reported, not silently skipped.
    static func list(_ folder: String, root: URL, diagnostics: inout [Diagnostic]) -> [HandbookFile] {
        let directory = root.appending(path: folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue, let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            diagnostics.append(Diagnostic(.error, "'\(folder)' must be a folder of .yml files",
                                          at: SourceLocation(path: folder, line: 1, column: 1), rule: "unreadable"))
            return []
        }
        let rootPath = root.path
        let plain = directory.resolvingSymlinksInPath().path == rootPath + "/" + folder
        var files: [HandbookFile] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            if name.hasSuffix(".yml") {
                files.append(HandbookFile(root: root, relativePath: "\(folder)/\(name)", plainFolder: plain,
                                          rootPath: rootPath))
            } else {
                diagnostics.append(Diagnostic(.warning, "ignored: only '.yml' files are read in \(folder)/",
                                              at: SourceLocation(path: "\(folder)/\(name)", line: 1, column: 1),
                                              rule: "ignored-file"))
            }
        }
        return files
    }

    /// The bytes of a regular file inside the handbook; links leading outside it are not followed. Problems are
    /// reported into `file`.
    func read(into file: SourceFile) -> Data? {
        var result: Result<Data, FileReadProblem> = .failure(.symbolicLink)
        if plainFolder {
            result = BoundedFileReader.read(path, followingLinks: false)
        }
        if case .failure(.symbolicLink) = result {
            let resolved = root.appending(path: relativePath).resolvingSymlinksInPath()
            guard resolved.path.hasPrefix(root.path + "/") else {
                file.error("symbolic link to '\(resolved.path)' leads outside the handbook; not followed",
                           at: file.location(nil), rule: "link-outside")
                return nil
            }
            result = BoundedFileReader.read(resolved.path)
        }
        switch result {
        case .success(let data):
            return data
        case .failure(let problem):
            file.error(problem.message, at: file.location(nil), rule: problem.rule)
            return nil
        }
    }
}

extension URL {
    /// The handbook folder by the one absolute path every step names it by (symbolic links resolved), however it
    /// was given: the loader's file paths, the sources' stamps and the stored loads' records then agree.
    var handbookFolder: URL { standardizedFileURL.resolvingSymlinksInPath() }
}
