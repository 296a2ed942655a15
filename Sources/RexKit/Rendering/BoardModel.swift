import Foundation

/// What the reconciliation board (`reconcile.html`) needs, embedded in its page as JSON: the department's units and
/// the runner model of every procedure closed at department level, to read the rows of the runs it imports.
struct BoardModel: Encodable, JSONObject {
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

    /// In `JSONEncoder`'s order, as the runner's model is written (`RunnerModel+JSON.swift`).
    func writeMembers(to json: inout JSONText) {
        json.member("handbook", handbook)
        json.member("handbookName", handbookName)
        json.member("language", language)
        json.member("procedures", procedures)
        json.member("units", units)
    }
}

/// The reconciliation board's own keys: the choice of procedure when an outage is opened, and the embedded model.
struct BoardView: TemplateView {
    let procedures: [ProcedureLinkView]
    let json: String

    init(_ handbook: Handbook) {
        procedures = BoardModel.procedures(of: handbook).map {
            ProcedureLinkView(id: $0.id.value, title: $0.title, version: $0.version)
        }
        json = BoardModel(handbook).embeddableJSON()
    }

    static let keys = ViewKeys<BoardView>([
        "boardProcedures": .list { $0.procedures }, "hasBoardProcedures": .flag { !$0.procedures.isEmpty },
        "boardJSON": .text { $0.json },
    ])
}
