import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hidden folders a build makes beside its output: `.site.building-PID` (the new site being put together)
/// and `.site.previous-PID` (the old one, kept aside for an instant where the system cannot swap folders in one
/// step). A build killed before it finished leaves one behind; the next build removes those whose process is
/// gone — only when they are Rex's (its marker inside, or empty), never anything else. Beside them, the file
/// `.site.rex-cache` is meant to stay: each handbook file's loading, for the next build (`StoredLoads`); a build
/// killed while saving it leaves `.site.rex-cache.PID.new`, removed the same way.
enum StagingFolders {
    static func staging(for output: URL) -> URL {
        output.deletingLastPathComponent().appending(path: ".\(output.lastPathComponent).building-\(getpid())")
    }

    static func aside(for output: URL) -> URL {
        output.deletingLastPathComponent().appending(path: ".\(output.lastPathComponent).previous-\(getpid())")
    }

    static func loads(for output: URL) -> URL {
        output.deletingLastPathComponent().appending(path: ".\(output.lastPathComponent).rex-cache")
    }

    /// Removes the staging folders of builds of `output` whose process no longer runs; returns their names.
    @discardableResult
    static func removeStale(beside output: URL) -> [String] {
        let output = output.standardizedFileURL
        let parent = output.deletingLastPathComponent()
        let prefixes = [".\(output.lastPathComponent).building-", ".\(output.lastPathComponent).previous-"]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        var removed: [String] = []
        let loads = loads(for: output).lastPathComponent + "."
        for name in names where name.hasPrefix(loads) && name.hasSuffix(".new") {
            guard let pid = Int32(name.dropFirst(loads.count).dropLast(4)), pid != getpid(), !isRunning(pid),
                  unlink(parent.path + "/" + name) == 0 else { continue }
            removed.append(name)
        }
        for name in names {
            guard let prefix = prefixes.first(where: name.hasPrefix), let pid = Int32(name.dropFirst(prefix.count)),
                  pid != getpid(), !isRunning(pid) else { continue }
            let folder = parent.appending(path: name)
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? ["?"]
            guard contents.isEmpty || contents.contains(SiteWriter.marker) else { continue }
            if (try? FileManager.default.removeItem(at: folder)) != nil { removed.append(name) }
        }
        return removed
    }

    private static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
