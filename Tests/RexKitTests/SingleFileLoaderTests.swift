import Foundation
import Testing
@testable import RexKit

/// The one-file path the fuzzer drives: a valid input must make a valid handbook, or the fuzzer's main check
/// ("a valid handbook that fails to render") never arms.
@Suite("Single-file loader")
struct SingleFileLoaderTests {
    @Test func aFileIsNamedAfterItsOwnID() throws {
        let procedure = SingleFileLoader.load(Data(Sample.procedure.utf8), as: .procedure).checked(today: TestHandbook.today)
        #expect(procedure.diagnostics.map(\.description) == [])
        #expect(procedure.handbook.procedure("ok")?.path == "procedures/ok.yml")
        let incident = SingleFileLoader.load(Data(Sample.incident.utf8), as: .incident).checked(today: TestHandbook.today)
        #expect(incident.diagnostics.map(\.description) == [])
        #expect(incident.handbook.incident("rex-ok") != nil)
    }

    @Test func anInvalidOrMissingIDLeavesTheNameDocument() throws {
        let text = Sample.procedure.replacingOccurrences(of: "id: ok", with: "id: Pas_Un_Id")
        let result = SingleFileLoader.load(Data(text.utf8), as: .procedure).checked(today: TestHandbook.today)
        #expect(result.diagnostics.map(\.description).first?.hasPrefix("procedures/document.yml:1:5: error: ") == true)
        let broken = SingleFileLoader.load(Data("id: [".utf8), as: .procedure).checked(today: TestHandbook.today)
        #expect(broken.diagnostics.allSatisfy { $0.location.path == "procedures/document.yml" })
    }

    @Test func aGivenIDIsKept() throws {
        let result = SingleFileLoader.load(Data(Sample.procedure.utf8), as: .procedure, id: "autre").checked(today: TestHandbook.today)
        #expect(result.diagnostics.map(\.description)
                == ["procedures/autre.yml:1:5: error: id 'ok' differs from the file name 'autre.yml' [id-file-mismatch]"])
    }
}
