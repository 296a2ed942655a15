/// English: `rex.yml` and the example ids of a new handbook.
extension HandbookScaffold.Texts {
    static let english = Self(
        comments: Comments(
            header: "# Handbook settings. Every key is explained; see also the Rex README.",
            name: "required: printed on every page; also keeps this handbook's runs apart in the browser",
            organisation: "the department or hospital",
            language: "language of the index, binder and search, and default language of procedures and REX records (\(choices(Language.self)))",
            timeZone: "time zone (IANA name) of every date",
            severityScales: "severity scales besides asn-sfro (built in: 0 to 7)",
            scaleID: "required: the name to give in a REX record's severity.scale",
            scaleTitle: "the printed name",
            levels: "required: the levels, from least to most severe",
            units: "the department's treatment units: each run names its unit, the reconciliation board counts them all",
            unitID: "required: lower-case letters, digits and '-'; recorded on every run",
            unitName: "required: the unit's name as people say it"),
        examples: Examples(
            name: "Continuity handbook", organisation: "Radiotherapy department",
            scaleID: "internal", scaleTitle: "Department's internal severity scale",
            unitID: "linac-1", unitName: "Linac 1"),
        procedureID: "example-rv-downtime",
        incidentID: "rex-example")
}
