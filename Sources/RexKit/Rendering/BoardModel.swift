import Foundation

/// What the reconciliation board (`reconcile.html`) needs, embedded in its page as JSON: the department's units and
/// the runner model of every procedure closed at department level, to read the rows of the runs it imports.
struct BoardModel: Encodable {
    var handbook: String
    var handbookName: String
    var language: String
    var units: [RunnerModel.UnitModel]
    var procedures: [RunnerModel]

    init(_ handbook: Handbook) {
        let settings = handbook.settings
        self.handbook = settings.storageKey
        handbookName = settings.name
        language = settings.language
        units = settings.units.map { RunnerModel.UnitModel(id: $0.id.value, name: $0.name) }
        procedures = Self.procedures(of: handbook).map { RunnerModel($0, handbook: handbook) }
    }

    /// The procedures an outage can be reconciled for on the board.
    static func procedures(of handbook: Handbook) -> [Procedure] {
        handbook.procedures.filter(\.closesAtDepartment)
    }

    /// The page's own keys: the choice of procedure when an outage is opened, and the embedded model.
    func values(_ handbook: Handbook) -> [String: Any] {
        let procedures = Self.procedures(of: handbook).map { procedure -> [String: Any] in
            ["procedureID": procedure.id.value, "procedureTitle": procedure.title, "procedureVersion": procedure.version]
        }
        return ["boardProcedures": procedures, "hasBoardProcedures": !procedures.isEmpty,
                "boardJSON": embeddableJSON(self)]
    }
}
