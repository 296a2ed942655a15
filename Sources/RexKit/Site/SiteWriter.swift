import Foundation

/// Writes a whole site so that the output folder is always either the previous site or the new one,
/// never a mix: everything goes to a hidden sibling folder first, which then takes the old one's place.
public enum SiteWriter {
    /// Marks a folder as a site Rex wrote, so Rex never replaces a folder it did not make.
    static let marker = ".rex-site"

    public static func write(_ files: [SiteFile], to output: URL) throws {
        let fileManager = FileManager.default
        let output = output.standardizedFileURL
        try refuseForeignFolder(output)
        let files = files + [SiteFile(path: marker, data: Data("Written by rex build-site; replaced whole on each build.\n".utf8))]
        let parent = output.deletingLastPathComponent()
        let staging = parent.appending(path: ".\(output.lastPathComponent).building-\(getpid())")
        let previous = parent.appending(path: ".\(output.lastPathComponent).previous-\(getpid())")
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        try? fileManager.removeItem(at: staging)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files {
                let url = staging.appending(path: file.path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: url)
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw EnvironmentError("cannot write the site to '\(staging.path)': \(error.localizedDescription); "
                                   + "'\(output.path)' was left as it was")
        }
        let hadPrevious = fileManager.fileExists(atPath: output.path)
        if hadPrevious {
            try fileManager.moveItem(at: output, to: previous)
        }
        do {
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            if hadPrevious { try? fileManager.moveItem(at: previous, to: output) }
            try? fileManager.removeItem(at: staging)
            throw EnvironmentError("cannot put the new site in place: \(error.localizedDescription)")
        }
        if hadPrevious { try? fileManager.removeItem(at: previous) }
    }

    /// An existing, non-empty output folder without the marker is someone's data: never replace it.
    private static func refuseForeignFolder(_ output: URL) throws {
        let fileManager = FileManager.default
        guard let contents = try? fileManager.contentsOfDirectory(atPath: output.path) else {
            if fileManager.fileExists(atPath: output.path) {
                throw EnvironmentError("'\(output.path)' exists and is not a folder; choose another --out")
            }
            return
        }
        if !contents.isEmpty, !contents.contains(marker) {
            throw EnvironmentError("'\(output.path)' is a folder that rex did not write (no \(marker) in it); "
                                   + "it will not be replaced: choose another --out")
        }
    }
}
