import CLibFuzzer
import Foundation
import RexKit

// The libFuzzer target over the loader (`make fuzz`). Each input is read as a procedure, as an incident
// and as rex.yml — the loader's whole path for one file, checks included — and whatever loads is
// rendered (Markdown and HTML), so a crash, a hang or a runaway allocation anywhere between the bytes
// and the pages is a finding. Each input is read twice, by the one-pass YAML reader and by the reference
// reader (Yams composing, as Rex read YAML before): a different model or diagnostic is a finding too, and so is
// a document or diagnostic that does not read back equal from the bytes a build keeps for the next (`StoredForm`).
//
// Why a main.swift that calls libFuzzer's driver, rather than libFuzzer's own `main`: SwiftPM links an
// executable target's entry point as `main` (renaming `RexFuzz_main`), so the target must have one; and
// `swift build --sanitize fuzzer`, which avoids that, also links libFuzzer into the EmbedResources build
// tool, which then has two `main`s. Package.swift explains the flags.

/// One fixed day, so a run is reproducible.
private let today = LocalDate(year: 2026, month: 1, day: 15)!
/// Parsed once: the templates are not the input. Pages with their words and names' stand-ins written into the
/// templates must be the pages with each word looked up as they render and each name as written (`TemplateLibraries`).
private let templates = try! TemplateSet.builtIn()
private let templatesLookingUpWords = try! TemplateSet.builtIn(writingWords: false)

/// How many (input, kind) readings loaded without errors and so reached the renderers' check: printed when
/// the run ends, so a run that never arms its main check shows it.
nonisolated(unsafe) private var readings: [SingleFileLoader.Kind: (all: Int, valid: Int)] = [:]
private let printStats: @convention(c) () -> Void = {
    let counts = SingleFileLoader.Kind.allCases.map { kind in
        let count = readings[kind] ?? (0, 0)
        return "\(kind.rawValue) \(count.valid) of \(count.all)"
    }
    FileHandle.standardError.write(Data("rex-fuzz: inputs valid and rendered: \(counts.joined(separator: ", "))\n".utf8))
}

/// libFuzzer's callback (also the symbol its runtime's own `main` refers to, which must resolve).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    for kind in SingleFileLoader.Kind.allCases {
        // Named after its own id, so that a valid input is a valid handbook and reaches the renderers.
        let loaded = SingleFileLoader.load(data, as: kind, reader: .onePass)
        let reference = SingleFileLoader.load(data, as: kind, reader: .reference)
        precondition(loaded.diagnostics == reference.diagnostics,
                     "readers disagree: \(loaded.diagnostics) against \(reference.diagnostics)")
        precondition(loaded.handbook.settings == reference.handbook.settings
                     && loaded.handbook.procedures == reference.handbook.procedures
                     && loaded.handbook.incidents == reference.handbook.incidents, "readers give different models")
        // What a build keeps of each file for the next one reads back as loaded.
        for procedure in loaded.handbook.procedures { precondition(StoredForm.readBack(procedure) == procedure, "stored procedure") }
        for incident in loaded.handbook.incidents { precondition(StoredForm.readBack(incident) == incident, "stored incident") }
        for diagnostic in loaded.diagnostics {
            precondition(StoredForm.readBack(diagnostic, path: diagnostic.location.path) == diagnostic, "stored diagnostic")
        }
        let result = loaded.checked(today: today)
        for diagnostic in result.diagnostics {
            // Every problem is located on a real line and column.
            precondition(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "\(diagnostic)")
        }
        let handbook = result.handbook
        let renderer = PageRenderer(handbook: handbook, templates: templates, today: today)
        let lookingUp = PageRenderer(handbook: handbook, templates: templatesLookingUpWords, today: today)
        /// The page, which must be the same with words looked up.
        func same(_ page: (PageRenderer) throws -> String) throws {
            let written = try page(renderer), lookedUp = try page(lookingUp)
            precondition(written == lookedUp, "words written in")
        }
        // A template error is a finding only for a valid handbook: rex build-site refuses the others.
        let valid = !result.hasErrors
        readings[kind, default: (0, 0)].all += 1
        if valid { readings[kind, default: (0, 0)].valid += 1 }
        do {
            // The index put together from its frame and rows is the index rendered whole (`IndexRows`).
            let index = try renderer.indexPage(), whole = try renderer.indexPage(parted: false)
            precondition(index == whole, "index rows")
            try same { try $0.indexPage() }
            try same { try $0.binderPage() }
            try same { try $0.boardPage() }
        } catch { precondition(!valid, "\(error)") }
        for procedure in handbook.procedures {
            _ = ChecklistMarkdown(procedure: procedure, handbook: handbook).render()
            do { try same { try $0.procedurePage(procedure) } } catch { precondition(!valid, "\(error)") }
            do { try same { try $0.checklistPage(procedure) } } catch { precondition(!valid, "\(error)") }
        }
        for incident in handbook.incidents {
            _ = ReportMarkdown(incident: incident, handbook: handbook).render()
            do { try same { try $0.incidentPage(incident) } } catch { precondition(!valid, "\(error)") }
            do { try same { try $0.reportPage(incident) } } catch { precondition(!valid, "\(error)") }
        }
    }
    return 0
}

atexit(printStats)
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { fuzzOneInput($0, $1) })
