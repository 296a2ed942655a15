/// The text of a new REX incident record: every key of `FormatSpec.incident` and of the mappings inside
/// it, each with a French comment, with values that validate as written.
public enum IncidentScaffold {
    /// A draft (`rex new incident ID`). With `procedure`, the example of `rex init`: its first action
    /// names that procedure, which is how a report shows what its lessons changed.
    public static func text(id: String, today: LocalDate, changing procedure: String? = nil) -> String {
        let status = procedure == nil ? "draft" : "actions-open"
        let firstStatus = procedure == nil ? "planned" : "done"
        let linked = procedure.map { " \($0)" } ?? ""
        return aligned("""
            # Déclaration REX (retour d'expérience). Chaque clé possible figure ici avec un exemple qui passe
            # « rex validate » : remplacez les exemples, supprimez les clés facultatives dont vous n'avez pas besoin.
            # Le texte des clés marquées (Markdown) accepte **gras**, listes et liens.
            id: \(id)  # obligatoire : égal au nom du fichier (incidents/\(id).yml)
            title: Séances délivrées pendant un arrêt du R&V non ressaisies  # obligatoire
            language:  # fr | en ; vide : la langue de rex.yml
            origin: internal  # \(choices(IncidentOrigin.self)) : notre événement, ou celui d'un autre établissement
            source: Déclaration interne  # d'où vient ce REX (déclaration interne, AFCN — REX 3 - 2020…)
            quoted:  # REX externe : le texte de la source, mot pour mot (vide pour un REX interne)
              narrative:  # (Markdown) le déroulement publié par la source
              actions: []  # (Markdown) les actions que la source rapporte (celles de l'autre établissement)
              recommendations:  # (Markdown) les recommandations de la source
            event_class: near-miss  # obligatoire : \(choices(EventClass.self))
            occurred: \(today)T08:15  # obligatoire : AAAA-MM-JJ ou AAAA-MM-JJTHH:MM
            detected:  # quand l'événement a été détecté ; une estimation s'écrit ainsi :
              at: \(today)T11:40  # obligatoire : AAAA-MM-JJ ou AAAA-MM-JJTHH:MM
              approx: true  # date ou heure estimée (false par défaut)
            systems: [R&V, Accélérateur 1]  # systèmes en cause
            patients_affected: 0  # nombre de patients touchés
            severity:  # niveau sur une échelle de gravité
              scale: asn-sfro  # obligatoire : asn-sfro, ou une échelle déclarée dans rex.yml
              level: "0"  # obligatoire : un niveau de l'échelle, entre guillemets ("0", "1", "2+"…)
              provisional: true  # niveau encore provisoire (false par défaut)
              rated_by: department  # \(choices(SeverityRater.self)) : notre estimation, ou le niveau publié par la source
              note: Aucune séance n'a été délivrée avec un compteur faux.  # (Markdown) pourquoi ce niveau
            status: \(status)  # obligatoire : \(choices(IncidentStatus.self))
            synopsis: >-  # obligatoire (Markdown) : l'événement en deux ou trois phrases
              Deux séances délivrées pendant un arrêt du R&V n'ont été ressaisies que le lendemain ;
              l'écart a été détecté avant la séance suivante.
            narrative: |  # (Markdown) le déroulement, dans l'ordre, les faits seulement
              À 8 h 15, le R&V devient indisponible sur l'accélérateur 1. Les séances sont délivrées
              avec les plans imprimés et consignées sur le registre papier.

              À 11 h 40, la reprise du R&V fait apparaître deux séances absentes du dossier.
            timeline:  # événements datés, dans l'ordre
              - at: \(today)T08:15  # obligatoire : AAAA-MM-JJ ou AAAA-MM-JJTHH:MM
                event: Le R&V devient indisponible sur l'accélérateur 1.  # obligatoire (Markdown)
                approx: true  # heure estimée (false par défaut)
              - { at: \(today)T11:40, event: Deux séances manquent dans le R&V. }
            analysis: |  # (Markdown) l'analyse du service : ce que l'événement montre, ses conséquences
              Le registre papier existait, mais rien n'empêchait de reprendre avant la ressaisie.
            causes:  # causes et facteurs contributifs, selon l'analyse du service
              - category: procedure  # obligatoire : \(choices(CauseCategory.self))
                text: Aucune étape n'imposait la ressaisie avant la reprise.  # obligatoire (Markdown)
                contributing: false  # un facteur contributif plutôt qu'une cause (false par défaut)
            actions:  # actions correctives
              - text: Ajouter un registre des séances et sa ressaisie vérifiée à la procédure d'arrêt.  # obligatoire (Markdown)
                owner: Coordinateur qualité  # qui la mène
                due: \(today)  # échéance, AAAA-MM-JJ
                status: \(firstStatus)  # obligatoire : \(choices(ActionStatus.self))
                procedure:\(linked)  # la procédure créée ou modifiée (procedures/ID.yml)
              - { text: Former les technologues au registre papier., owner: Technologue coordinateur, status: planned }
            recommendations: |  # (Markdown) les recommandations du service (celles d'une source vont dans quoted)
              - Tenir un registre papier de **chaque** séance délivrée pendant un arrêt.
            lessons: |  # (Markdown) ce que le service en retient
              Une séance délivrée sans le R&V n'existe pas pour lui tant qu'elle n'est pas ressaisie.
            followed: [\(procedure ?? "")]  # les procédures suivies pendant l'événement (rex draft-incident les remplit)

            """)
    }
}
