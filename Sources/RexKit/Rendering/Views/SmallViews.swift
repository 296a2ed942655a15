/// A role a procedure declares.
struct RoleView: TemplateView {
    let id, title: String
    static let keys = ViewKeys<RoleView>(["roleID": .text { $0.id }, "roleTitle": .text { $0.title }])
}

/// Someone to call.
struct ContactView: TemplateView {
    let contact: Contact
    let role: String
    init(_ contact: Contact, role: String) {
        self.contact = contact
        self.role = role
    }
    static let keys = ViewKeys<ContactView>([
        "contactName": .text { $0.contact.name }, "contactPhone": .text { $0.contact.phone ?? "" },
        "contactNote": .text { $0.contact.note ?? "" }, "contactRole": .text { $0.role },
    ])
}

/// A REX record a procedure or a step cites, with its title (its id when the record is unknown).
struct IncidentLinkView: TemplateView {
    let id, title: String
    static let keys = ViewKeys<IncidentLinkView>(["incidentID": .text { $0.id }, "incidentTitle": .text { $0.title }])
}

/// A treatment unit of the department.
struct UnitView: TemplateView {
    let id, name: String
    static let keys = ViewKeys<UnitView>(["unitID": .text { $0.id }, "unitName": .text { $0.name }])
}

/// One answer a `choice` field offers.
struct OptionView: TemplateView {
    let option: String
    init(_ option: String) { self.option = option }
    static let keys = ViewKeys<OptionView>(["option": .text { $0.option }])
}

/// A numbered empty row of a paper log.
struct RowNumberView: TemplateView {
    let number: Int
    init(_ number: Int) { self.number = number }
    static let keys = ViewKeys<RowNumberView>(["rowNumber": .number { $0.number }])
}

/// An empty line of the printed hold list.
struct HoldLineView: TemplateView {
    let number: Int
    init(_ number: Int) { self.number = number }
    static let keys = ViewKeys<HoldLineView>(["holdLine": .number { $0.number }])
}

/// A blank line under the units of the department closing sheet.
struct DepartmentRowView: TemplateView {
    let number: Int
    init(_ number: Int) { self.number = number }
    static let keys = ViewKeys<DepartmentRowView>(["departmentExtraRow": .number { $0.number }])
}

/// A language version of a procedure, with its address from the page being rendered (none on a standalone file).
struct TranslationView: TemplateView {
    let name, language: String
    let isCurrent: Bool
    let href: String?
    static let keys = ViewKeys<TranslationView>([
        "translationName": .text { $0.name }, "translationLang": .text { $0.language },
        "isCurrent": .flag { $0.isCurrent }, "translationHref": .text { $0.href ?? "" },
        "hasTranslationHref": .flag { $0.href != nil },
    ])
}
