import ArgumentParser
import Foundation
import RexKit

struct BuildSite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-site",
        abstract: "Validate, then write the whole offline site; on errors the previous site is left untouched.")

    @OptionGroup var handbook: HandbookOptions

    @Option(name: .long, help: "The output folder (default: site/ in the handbook).")
    var out: String?

    @Flag(name: .long,
          help: "Keep running: rebuild whenever rex.yml, procedures/, incidents/ or templates/ change; Ctrl-C stops.")
    var watch = false

    func run() throws {
        let output = out.map { URL(fileURLWithPath: $0) } ?? handbook.rootURL.appending(path: "site")
        if watch {
            try watchAndBuild(into: output)
        } else {
            let report = try build(into: output)
            exitKeeping(report, code: report.files == nil ? 1 : 0)
        }
    }

    /// One build, printing its diagnostics and result; `files` is nil when the handbook has errors and nothing
    /// was written.
    @discardableResult
    private func build(into output: URL, session: BuildSession? = nil) throws -> BuildReport {
        let report = try SiteBuilder.build(root: handbook.rootURL, output: output, session: session)
        printDiagnostics(report.diagnostics)
        guard let files = report.files else {
            print(summary(report.diagnostics, procedures: report.procedureCount, incidents: report.incidentCount))
            fflush(nil)  // the diagnostics (stdout) before the verdict (stderr), also when both go to one terminal
            printError("rex: site not built: fix the errors above; '\(output.path)' was left as it was")
            return report
        }
        let procedures = report.procedureCount, incidents = report.incidentCount
        let checklists = procedures == 1 ? "its checklist" : "their checklists"
        let changed = report.written.isEmpty ? "none changed" : "\(report.written.count) written"
        print("Built \(counted(procedures, "procedure")) with \(checklists), \(counted(incidents, "incident report")), "
              + "the binder and the reconciliation board (\(files.count) files, \(changed)) in \(output.path)")
        print("Open file://\(output.standardizedFileURL.appending(path: "index.html").path)")
        return report
    }

    // MARK: --watch

    /// Builds, then rebuilds after every change until Ctrl-C. A bad save (a YAML error, a broken template,
    /// a file that vanished) prints its problem and the watch goes on; only a missing handbook stops it.
    private func watchAndBuild(into output: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: handbook.rootURL.path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw EnvironmentError("handbook folder '\(handbook.rootURL.path)' does not exist")
        }
        let interrupt = InterruptGate()
        let watcher = ChangeWatcher(root: handbook.rootURL)
        // Files loaded and chapters rendered are kept between rebuilds: a save redoes only what it changed.
        let session = BuildSession(output: output)
        let folder = handbook.rootURL.standardizedFileURL.path
        print("Watching rex.yml, procedures/, incidents/ and templates/ in \(folder) (Ctrl-C to stop)")
        while true {
            watcher.lookAgainAtUnsettled()
            interrupt.whileBusy { buildReportingErrors(into: output, session: session) }
            fflush(nil)  // all streams (naming `stdout` is not concurrency-safe in Swift 6): shown at once when piped
            let changed = watcher.waitForChanges()
            let names = changed.count <= 3 ? changed.joined(separator: ", ") : "\(changed.count) files"
            print("\n[\(clockTime())] \(names) changed: rebuilding")
        }
    }

    private func buildReportingErrors(into output: URL, session: BuildSession) {
        let clock = ContinuousClock(), start = clock.now
        var built = false
        do {
            built = try build(into: output, session: session).files != nil
        } catch {
            fflush(nil)
            printError("rex: error: \(error)")
        }
        let elapsed = (clock.now - start).components
        // To the millisecond: a rebuild after one save takes some tens of them, which hundredths show as 0.03 or
        // 0.04 s. A build refused or failed says so on this line too: it is the last one a QA officer reads.
        let seconds = String(format: "%.3f", Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
        print("Done in \(seconds) s" + (built ? "" : " (site not built)"))
    }

    private func clockTime() -> String {
        let parts = Calendar.current.dateComponents([.hour, .minute, .second], from: Date())
        return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}

/// Ctrl-C during a watch: exits at once while waiting, but lets a build in progress finish first, so the
/// site folder is never left half-swapped (SiteWriter moves the old site aside, then the new one in).
private final class InterruptGate: @unchecked Sendable {
    private let lock = NSLock()
    private var busy = false
    private var interrupted = false
    private let source: DispatchSourceSignal

    init() {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [unowned self] in
            let exitNow = lock.withLock { interrupted = true; return !busy }
            if exitNow { Foundation.exit(130) }
        }
        source.resume()
    }

    func whileBusy(_ work: () -> Void) {
        lock.withLock { busy = true }
        work()
        let exitNow = lock.withLock { busy = false; return interrupted }
        if exitNow { Foundation.exit(130) }
    }
}
