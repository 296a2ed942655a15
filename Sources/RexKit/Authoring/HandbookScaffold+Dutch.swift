/// Dutch: `rex.yml` and the example ids of a new handbook, as a Flemish department writes them.
extension HandbookScaffold.Texts {
    static let dutch = Self(
        comments: Comments(
            header: "# Instellingen van het handboek. Elke sleutel wordt uitgelegd; zie ook de README van Rex.",
            name: "verplicht: afgedrukt op elke pagina; houdt ook de verlopen van dit handboek apart in de browser",
            organisation: "de dienst of de instelling",
            language: "taal van de inhoudstafel, de noodmap en de zoekfunctie, en standaardtaal van procedures en ervaringsfeedback (\(choices(Language.self)))",
            timeZone: "tijdzone (IANA-naam) van alle datums",
            severityScales: "ernstschalen naast asn-sfro (ingebouwd: 0 tot 7)",
            scaleID: "verplicht: de naam voor severity.scale in een REX-fiche",
            scaleTitle: "de afgedrukte naam",
            levels: "verplicht: de niveaus, van minst tot meest ernstig",
            units: "de bestralingstoestellen van de dienst: elk verloop vermeldt zijn toestel, het afstemmingsbord telt ze allemaal",
            unitID: "verplicht: kleine letters, cijfers en '-'; vastgelegd bij elk verloop",
            unitName: "verplicht: de naam van het toestel zoals men hem zegt"),
        examples: Examples(
            name: "Handboek noodprocedures", organisation: "Dienst radiotherapie",
            scaleID: "intern", scaleTitle: "Interne ernstschaal van de dienst",
            unitID: "toestel-1", unitName: "Versneller 1"),
        procedureID: "voorbeeld-uitval-rv",
        incidentID: "rex-voorbeeld")
}
