import Foundation
import Testing
@testable import RexKit

/// The department's treatment units (`units` in rex.yml) and procedures closed at department level.
@Suite("Units")
struct UnitTests {
    static let settings = """
        name: Manuel de test
        units:
          - { id: linac-1, name: TrueBeam 1 }
          - { id: linac-2, name: TrueBeam 2 }
          - { id: halcyon, name: Halcyon }

        """

    @Test("units are read in order, with the line and column of each id")
    func unitsLoad() throws {
        let handbook = try TestHandbook([:], settings: Self.settings)
        let loaded = try handbook.load()
        #expect(loaded.diagnostics.map(\.description) == [])
        let units = loaded.handbook.settings.units
        #expect(units.map(\.id.value) == ["linac-1", "linac-2", "halcyon"])
        #expect(units.map(\.name) == ["TrueBeam 1", "TrueBeam 2", "Halcyon"])
        #expect(units[1].id.location.description == "rex.yml:4:11")
    }

    @Test("a handbook without units has none, and a procedure closes run by run")
    func noUnits() throws {
        let handbook = try TestHandbook(["procedures/ok.yml": Sample.procedure])
        let loaded = try handbook.load()
        #expect(loaded.handbook.settings.units.isEmpty)
        #expect(loaded.handbook.procedures.first?.closesAtDepartment == false)
    }

    @Test("closing: department is read; with units declared it validates")
    func departmentClosing() throws {
        let text = Sample.procedure.replacingOccurrences(of: "sections:", with: "closing: department\nsections:")
        let handbook = try TestHandbook(["procedures/ok.yml": text], settings: Self.settings)
        let loaded = try handbook.load()
        #expect(loaded.diagnostics.map(\.description) == [])
        #expect(loaded.handbook.procedures.first?.closesAtDepartment == true)
    }

    @Test("the shipped handbook declares the department's units and closes rv-downtime at department level")
    func shippedHandbook() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let loaded = try HandbookLoader.load(root: repository).checked(today: TestHandbook.today)
        #expect(loaded.handbook.settings.units.map(\.name) == ["TrueBeam 1", "TrueBeam 2", "Halcyon"])
        #expect(loaded.handbook.procedure("rv-downtime")?.closesAtDepartment == true)
        #expect(loaded.handbook.procedure("aria-restore")?.closesAtDepartment == false)
    }
}
