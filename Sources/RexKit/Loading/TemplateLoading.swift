import Foundation

// Reading the handbook's `templates/` is loading, like reading its YAML: it lives here so that
// Rendering/ never touches the file system.
extension TemplateSet {
    /// The built-in templates with the handbook's `templates/` folder laid over them, file by file; `language`: the
    /// handbook's (`TemplateSet.init`).
    public static func load(handbookTemplates folder: URL, language: String) throws -> TemplateSet {
        var files = builtInFiles()
        let handbook = folder.deletingLastPathComponent().resolvingSymlinksInPath().path + "/"
        if let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) {
            for name in names.sorted() where !name.hasPrefix(".") {
                // Same rules as handbook files: regular files inside the handbook, bounded in size.
                let resolved = folder.appending(path: name).resolvingSymlinksInPath()
                guard resolved.path.hasPrefix(handbook) else {
                    throw TemplateError("templates/\(name): symbolic link to '\(resolved.path)' leads outside the "
                                        + "handbook; not followed")
                }
                switch BoundedFileReader.read(resolved.path) {
                case .success(let data): files[name] = data
                case .failure(let problem): throw TemplateError("templates/\(name): \(problem.message)")
                }
            }
        }
        return try TemplateSet(files: files, language: language)
    }
}
