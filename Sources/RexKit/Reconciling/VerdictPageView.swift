/// The printable closing report of an outage (`rex reconcile --format html`), as its template sees it.
struct VerdictPageView: TemplateView {
    let isDrill: Bool
    let isComplete: Bool
    let printedLine: String
    let statusLine: String
    let closedLine: String?
    let holdRows: [VerdictHoldView]
    let unitRows: [VerdictUnitView]
    let sections: [VerdictSectionView]

    static let keys = ViewKeys<VerdictPageView>([
        "isDrill": .flag { $0.isDrill }, "isComplete": .text { $0.isComplete ? "true" : "false" },
        "printedLine": .text { $0.printedLine }, "statusLine": .text { $0.statusLine },
        "hasClosedLine": .flag { $0.closedLine != nil }, "closedLine": .text { $0.closedLine ?? "" },
        "holdRows": .list { $0.holdRows }, "hasHoldRows": .flag { !$0.holdRows.isEmpty },
        "unitRows": .list { $0.unitRows }, "sections": .list { $0.sections },
    ])
}

/// A patient on hold and the rows that hold them.
struct VerdictHoldView: TemplateView {
    let patient, rows: String
    static let keys = ViewKeys<VerdictHoldView>(["patient": .text { $0.patient }, "rows": .text { $0.rows }])
}

/// A treatment unit and what its runs hold.
struct VerdictUnitView: TemplateView {
    let id, name, status, statusText, runs: String
    let written, voided, reconciled, pending: Int
    static let keys = ViewKeys<VerdictUnitView>([
        "unitID": .text { $0.id }, "unitName": .text { $0.name }, "unitStatus": .text { $0.status },
        "unitStatusText": .text { $0.statusText }, "unitRuns": .text { $0.runs },
        "written": .number { $0.written }, "voided": .number { $0.voided }, "reconciled": .number { $0.reconciled },
        "pending": .number { $0.pending },
    ])
}

struct VerdictSectionView: TemplateView {
    let title: String
    let items: [VerdictItemView]
    static let keys = ViewKeys<VerdictSectionView>(["sectionTitle": .text { $0.title }, "items": .list { $0.items }])
}

struct VerdictItemView: TemplateView {
    let item: String
    init(_ item: String) { self.item = item }
    static let keys = ViewKeys<VerdictItemView>(["item": .text { $0.item }])
}
