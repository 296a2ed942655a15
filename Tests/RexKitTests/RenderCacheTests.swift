import Foundation
import Testing
@testable import RexKit

@Suite("What one build derives once and lets go")
struct RenderCacheTests {
    /// Counts how often a value is made, from several threads.
    final class Makes: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func made() -> Int { lock.withLock { count += 1; return count } }
        var total: Int { lock.withLock { count } }
    }

    /// A procedure's page and its checklist render at the same time on two cores: the second waits for the view
    /// the first is making instead of parsing the procedure's Markdown again.
    @Test(arguments: [false, true])
    func aSharedValueIsMadeOnceWhenTwoAskAtOnce(keepingParts: Bool) {
        let cache = RenderCache(keepingParts: keepingParts), makes = Makes()
        let values = parallelMap([0, 1]) { _ in
            cache.shared("view", askedFor: 2) { () -> Int in
                Thread.sleep(forTimeInterval: 0.05)
                return makes.made()
            }
        }
        #expect(makes.total == 1)
        #expect(values == [1, 1])
    }

    /// A one-off build lets a view go once its page and checklist had it; `--watch` keeps it for the next save.
    @Test(arguments: [false, true])
    func aSharedValueIsLetGoAfterItsLastAskerOnlyWhenNothingIsKept(keepingParts: Bool) {
        let cache = RenderCache(keepingParts: keepingParts), makes = Makes()
        for _ in 0..<3 {
            _ = cache.shared("view", askedFor: 2) { makes.made() }
        }
        #expect(makes.total == (keepingParts ? 1 : 2))
    }

    /// A page leaves its chapter for the binder: the binder takes it without rendering it again, and a one-off
    /// build does not keep it once taken.
    @Test(arguments: [false, true])
    func aPreparedPartIsTakenWithoutBeingMadeAgain(keepingParts: Bool) {
        let cache = RenderCache(keepingParts: keepingParts), makes = Makes()
        cache.prepare("chapter") { Data("prepared".utf8) }
        cache.prepare("chapter") { _ = makes.made(); return Data("again".utf8) }
        #expect(cache.part("chapter") { _ = makes.made(); return Data("made".utf8) }.made == Data("prepared".utf8))
        #expect(makes.total == 0)
        let second = cache.part("chapter") { _ = makes.made(); return Data("made".utf8) }
        #expect(second.made == Data(keepingParts ? "prepared".utf8 : "made".utf8))
        // Held from one rebuild to the next with its hash, which the binder then need not take again.
        if case .held(let held) = second { #expect(held.hash == sha256("prepared")) } else { #expect(!keepingParts) }
    }

    /// The binder's layout stays in the cache, and its chapters make their views when asked: a renderer that made
    /// the binder must still let its cache go (with the model, views and chapters it holds) once nothing holds the
    /// renderer, or a process that renders many handbooks in turn keeps them all.
    @Test func aRendererThatMadeTheBinderLetsItsCacheGo() throws {
        let handbook = try TestHandbook(["procedures/alpha.yml": approvedProcedure("alpha", title: "Alpha")]).load().handbook
        let templates = try TemplateSet.builtIn()
        weak var released: RenderCache?
        do {
            let cache = RenderCache()
            released = cache
            let renderer = PageRenderer(handbook: handbook, templates: templates, today: TestHandbook.today, cache: cache)
            #expect(try renderer.binderPage().contains("id=\"binder-alpha\""))
        }
        #expect(released == nil)
    }
}
