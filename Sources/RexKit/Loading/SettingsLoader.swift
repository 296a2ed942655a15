import Foundation
/// `rex.yml` → `HandbookSettings`. A handbook without `rex.yml` uses the defaults.
struct SettingsLoader {
    let file: SourceFile

    func load(_ root: YAMLNode) -> HandbookSettings {
        var settings = HandbookSettings.defaults
        guard let map = MappingReader(root, file: file, what: "the handbook settings",
                                      allowedKeys: FormatSpec.settings.keyNames) else {
            return settings
        }
        settings.name = map.text("name", required: true) ?? settings.name
        settings.organisation = map.text("organisation")
        settings.language = map.enumeration("language", Language.self)?.value.rawValue ?? settings.language
        if let zone = map.string("time_zone") {
            if let timeZone = TimeZone(identifier: zone.value) {
                settings.timeZone = timeZone
            } else {
                file.error("unknown time zone '\(zone.value)'; use an IANA name such as 'Europe/Brussels'",
                           at: zone.location, rule: "invalid-value")
            }
        }
        for node in map.list("severity_scales") {
            guard let scale = MappingReader(node, file: file, what: "a severity scale",
                                            allowedKeys: FormatSpec.severityScale.keyNames),
                  let id = scale.identifier("id", required: true) else { continue }
            let levels = scale.strings("levels").map(\.value)
            if levels.isEmpty {
                file.error("a severity scale needs a non-empty 'levels' list", at: scale.location, rule: "missing-key")
            }
            if settings.severityScales.contains(where: { $0.id == id.value }) {
                file.error("severity scale '\(id.value)' is already defined", at: id.location, rule: "duplicate-id")
                continue
            }
            settings.severityScales.append(SeverityScale(id: id.value, title: scale.text("title") ?? id.value,
                                                         levels: levels))
        }
        settings.units = map.list("units").compactMap(unit)
        return settings
    }

    /// `- { id: linac-1, name: TrueBeam 1 }`; duplicates are the checks' business (`UnitRule`).
    private func unit(_ node: YAMLNode) -> TreatmentUnit? {
        guard let unit = MappingReader(node, file: file, what: "a treatment unit",
                                       allowedKeys: FormatSpec.unit.keyNames) else { return nil }
        let id = unit.identifier("id", required: true)
        let name = unit.text("name", required: true)
        guard let id, let name else { return nil }
        return TreatmentUnit(id: id, name: name)
    }
}
