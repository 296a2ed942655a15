/// French: the words of a new REX record, as a Belgian French-speaking radiotherapy department writes them.
extension IncidentScaffold.Texts {
    static let french = Self(
        comments: Comments(
            header: """
                # Déclaration REX (retour d'expérience). Chaque clé possible figure ici avec un exemple qui passe
                # « rex validate » : remplacez les exemples, supprimez les clés facultatives dont vous n'avez pas besoin.
                # Le texte des clés marquées (Markdown) accepte **gras**, listes et liens.
                """,
            id: "obligatoire : égal au nom du fichier",
            title: "obligatoire",
            language: "\(choices(Language.self)) ; vide : la langue de rex.yml",
            origin: "\(choices(IncidentOrigin.self)) : notre événement, ou celui d'un autre établissement",
            source: "d'où vient ce REX (déclaration interne, AFCN — REX 3 - 2020…)",
            quoted: "REX externe : le texte de la source, mot pour mot (vide pour un REX interne)",
            quotedNarrative: "(Markdown) le déroulement publié par la source",
            quotedActions: "(Markdown) les actions que la source rapporte (celles de l'autre établissement)",
            quotedRecommendations: "(Markdown) les recommandations de la source",
            eventClass: "obligatoire : \(choices(EventClass.self))",
            dateTime: "obligatoire : AAAA-MM-JJ ou AAAA-MM-JJTHH:MM",
            detected: "quand l'événement a été détecté ; une estimation s'écrit ainsi :",
            detectedApprox: "date ou heure estimée (false par défaut)",
            systems: "systèmes en cause",
            patientsAffected: "nombre de patients touchés",
            severity: "niveau sur une échelle de gravité",
            scale: "obligatoire : asn-sfro, ou une échelle déclarée dans rex.yml",
            level: "obligatoire : un niveau de l'échelle, entre guillemets (\"0\", \"1\", \"2+\"…)",
            provisional: "niveau encore provisoire (false par défaut)",
            ratedBy: "\(choices(SeverityRater.self)) : notre estimation, ou le niveau publié par la source",
            severityNote: "(Markdown) pourquoi ce niveau",
            status: "obligatoire : \(choices(IncidentStatus.self))",
            synopsis: "obligatoire (Markdown) : l'événement en deux ou trois phrases",
            narrative: "(Markdown) le déroulement, dans l'ordre, les faits seulement",
            timeline: "événements datés, dans l'ordre",
            event: "obligatoire (Markdown)",
            eventApprox: "heure estimée (false par défaut)",
            analysis: "(Markdown) l'analyse du service : ce que l'événement montre, ses conséquences",
            causes: "causes et facteurs contributifs, selon l'analyse du service",
            category: "obligatoire : \(choices(CauseCategory.self))",
            causeText: "obligatoire (Markdown)",
            contributing: "un facteur contributif plutôt qu'une cause (false par défaut)",
            actions: "actions correctives",
            actionText: "obligatoire (Markdown)",
            actionOwner: "qui la mène",
            due: "échéance, AAAA-MM-JJ",
            actionStatus: "obligatoire : \(choices(ActionStatus.self))",
            actionProcedure: "la procédure créée ou modifiée (procedures/ID.yml)",
            recommendations: "(Markdown) les recommandations du service (celles d'une source vont dans quoted)",
            lessons: "(Markdown) ce que le service en retient",
            followed: "les procédures suivies pendant l'événement (rex draft-incident les remplit)"),
        examples: Examples(
            title: "Séances délivrées pendant un arrêt du R&V non ressaisies",
            source: "Déclaration interne",
            systems: ["R&V", "Accélérateur 1"],
            severityNote: "Aucune séance n'a été délivrée avec un compteur faux.",
            synopsis: """
                Deux séances délivrées pendant un arrêt du R&V n'ont été ressaisies que le lendemain ;
                l'écart a été détecté avant la séance suivante.
                """,
            narrative: """
                À 8 h 15, le R&V devient indisponible sur l'accélérateur 1. Les séances sont délivrées
                avec les plans imprimés et consignées sur le registre papier.

                À 11 h 40, la reprise du R&V fait apparaître deux séances absentes du dossier.
                """,
            firstEvent: "Le R&V devient indisponible sur l'accélérateur 1.",
            secondEvent: "Deux séances manquent dans le R&V.",
            analysis: "Le registre papier existait, mais rien n'empêchait de reprendre avant la ressaisie.",
            cause: "Aucune étape n'imposait la ressaisie avant la reprise.",
            firstAction: "Ajouter un registre des séances et sa ressaisie vérifiée à la procédure d'arrêt.",
            firstOwner: "Coordinateur qualité",
            secondAction: "Former les technologues au registre papier.",
            secondOwner: "Technologue coordinateur",
            recommendations: "- Tenir un registre papier de **chaque** séance délivrée pendant un arrêt.",
            lessons: "Une séance délivrée sans le R&V n'existe pas pour lui tant qu'elle n'est pas ressaisie."))
}
