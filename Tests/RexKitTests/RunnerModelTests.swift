import Foundation
import Testing
@testable import RexKit

/// The JSON the browser runner reads, as embedded in a rendered procedure page: the contract of the
/// patient hold list, the fraction counter and tolerances.
@Suite("Runner model")
struct RunnerModelTests {
    /// The `rex-run-model` script element of a page, decoded.
    static func embeddedModel(_ page: String) throws -> [String: Any] {
        let json = try #require(page.firstMatch(of: #/<script type="application/json" id="rex-run-model">(.*?)</script>/#))
        return try #require(try JSONSerialization.jsonObject(with: Data(json.output.1.utf8)) as? [String: Any])
    }

    @Test func patientCounterAndToleranceReachTheRunner() throws {
        let (renderer, handbook) = try TestHandbook(["procedures/p.yml": PatientLogTests.procedure]).renderer()
        let model = try Self.embeddedModel(try renderer.procedurePage(try #require(handbook.procedure("p"))))

        let logs = try #require(model["logs"] as? [[String: Any]])
        let log = try #require(logs.first)
        #expect(log["patient"] as? String == "patient")
        #expect(log["counter"] as? String == "fraction")
        let columns = try #require(log["columns"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: columns.map { ($0["id"] as? String ?? "", $0) })
        #expect(byID["patient"]?["type"] as? String == "patient")
        #expect(byID["fraction"]?["counter"] as? Bool == true)
        // Only the counter column says so: the key is absent elsewhere.
        #expect(columns.filter { $0["counter"] != nil }.count == 1)
        #expect(byID["mu_check"]?["tolerance"] as? Double == 0.5)
        #expect(byID["mu_check"]?["toleranceText"] as? String == "0.5")
        #expect(byID["mu"]?["tolerance"] == nil && byID["mu"]?["toleranceText"] == nil)

        let steps = try #require(model["steps"] as? [[String: Any]])
        let fields = steps.flatMap { $0["fields"] as? [[String: Any]] ?? [] }
        let field = Dictionary(uniqueKeysWithValues: fields.map { ($0["id"] as? String ?? "", $0) })
        // Durations in seconds, with the text as written.
        #expect(field["fs_at"]?["tolerance"] as? Double == 5_400)
        #expect(field["fs_at"]?["toleranceText"] as? String == "1.5 h")
        #expect(field["fs_at"]?["mustMatch"] as? String == "db_at")
        #expect(field["fs_time"]?["tolerance"] as? Double == 30)
        #expect(field["fs_day"]?["tolerance"] as? Double == 172_800)
        #expect(fields.allSatisfy { $0["counter"] == nil })
    }

    @Test func aLogWithoutPatientHasNeitherKey() throws {
        let (renderer, handbook) = try TestHandbook(["procedures/flow.yml": flowProcedure]).renderer()
        let model = try Self.embeddedModel(try renderer.procedurePage(try #require(handbook.procedure("flow"))))
        let log = try #require((model["logs"] as? [[String: Any]])?.first)
        #expect(log["id"] as? String == "sessions")
        #expect(log["patient"] == nil && log["counter"] == nil)
    }
}
