/// French: `rex.yml` and the example ids of a new handbook.
extension HandbookScaffold.Texts {
    static let french = Self(
        comments: Comments(
            header: "# Réglages du manuel. Chaque clé est expliquée ; voir aussi le README de Rex.",
            name: "obligatoire : imprimé sur chaque page ; sépare aussi les déroulés de ce manuel dans le navigateur",
            organisation: "le service ou l'établissement",
            language: "langue de l'index, du classeur et de la recherche, et par défaut des procédures et des REX (\(choices(Language.self)))",
            timeZone: "fuseau horaire (nom IANA) de toutes les dates",
            severityScales: "échelles de gravité en plus de asn-sfro (intégrée : 0 à 7)",
            scaleID: "obligatoire : le nom à donner dans severity.scale d'un REX",
            scaleTitle: "le nom imprimé",
            levels: "obligatoire : les niveaux, du moins grave au plus grave",
            units: "les postes de traitement du service : chaque déroulé indique son poste, le tableau de réconciliation les compte tous",
            unitID: "obligatoire : minuscules, chiffres et '-' ; enregistré sur chaque déroulé",
            unitName: "obligatoire : le nom du poste tel qu'on le dit"),
        examples: Examples(
            name: "Manuel de continuité", organisation: "Service de radiothérapie",
            scaleID: "interne", scaleTitle: "Échelle interne du service",
            unitID: "poste-1", unitName: "Accélérateur 1"),
        procedureID: "exemple-arret-rv",
        incidentID: "rex-exemple")
}
