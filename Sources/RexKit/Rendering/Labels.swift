/// Fixed words of the pages, in the document's language (French by default, English otherwise).
/// Merged into every page context as `t_*` keys.
enum Labels {
    static func forLanguage(_ language: String) -> [String: String] {
        language.hasPrefix("en") ? englishKeys : frenchKeys
    }

    // Prefixed once: every page, step and go-to asks for them.
    private static let frenchKeys = prefixed(french.merging(frenchDepartment) { first, _ in first })
    private static let englishKeys = prefixed(english.merging(englishDepartment) { first, _ in first })

    private static func prefixed(_ table: [String: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: table.map { ("t_\($0.key)", $0.value) })
    }

    static let french: [String: String] = [
        "index": "Sommaire", "procedures": "Procédures", "incidents": "Incidents (REX)", "search": "Rechercher",
        "searchPlaceholder": "Titre, étape, incident…", "noResults": "Aucun résultat",
        "id": "Réf.", "version": "Version", "status": "Statut", "effective": "En vigueur le",
        "reviewBy": "Révision le", "revision": "Code de révision", "owner": "Responsable", "approvedBy": "Approuvé par",
        "when": "Quand utiliser cette procédure", "objective": "Objectif", "roles": "Rôles", "contacts": "Contacts",
        "goTo": "aller à", "end": "FIN DE LA PROCÉDURE", "endShort": "FIN", "then": "puis",
        "warning": "DANGER", "caution": "ATTENTION", "note": "NOTE", "because": "Origine",
        "record": "À consigner", "optional": "facultatif", "mustMatch": "doit être égal à", "distinctFrom": "différent de",
        "doubleCheck": "Double contrôle : fait par / vérifié par (initiales différentes)",
        "doneBy": "Fait par", "checkedBy": "Vérifié par",
        "log": "Registre", "requiresReconciled": "Bloquant : chaque ligne du registre doit être ressaisie et vérifiée",
        "reconcile": "Après la restauration", "checklist": "Check-list imprimable", "procedurePage": "Procédure",
        "overdue": "révision dépassée", "class": "Classe", "severity": "Gravité", "provisional": "provisoire",
        "occurred": "Survenu le", "detected": "Détecté le", "systems": "Systèmes", "patientsAffected": "Patients concernés",
        "synopsis": "Résumé", "narrative": "Déroulement de l'incident", "timeline": "Chronologie",
        "approx": "approx.", "causes": "Causes", "actions": "Actions correctrices",
        "recommendations": "Recommandations", "lessons": "Enseignements", "source": "Source",
        "answeredBy": "Procédures issues de ce REX", "due": "Échéance", "none": "—",
        "uncontrolled": "Copie non contrôlée une fois imprimée", "page": "Page", "of": "sur",
        "binder": "Classeur d'urgence", "contents": "Sommaire", "printedOn": "Imprimé le",
        "row": "N°", "time": "Heure", "initials": "Initiales", "mode": "Mode",
        "report": "Rapport d'incident", "structured": "Fiche structurée",
        "runnerNoScript": "JavaScript est désactivé : suivez la procédure sur la check-list imprimée.",
        "skipLink": "Aller au contenu",
        "if": "Si", "yes": "oui", "no": "non",
        "mismatch": "si non : STOP — ne pas poursuivre sans l'accord écrit du radiophysicien ; raison",
        "logIn": "consigner dans le registre",
        "signOff": "Nous attestons que chaque ligne du registre a été ressaisie dans le R&V et vérifiée par une autre personne.",
        "name": "Nom", "signature": "Signature", "dateTime": "Date et heure",
        "revisionCheck": "Vérifier une copie papier", "revisionCheckHelp": "Tapez le code de révision imprimé sur la copie :",
        "revisionCheckButton": "Vérifier",
        "revisionCurrent": "Copie à jour", "revisionStale": "Code inconnu : cette copie n'est PAS la version en vigueur (ou le code est mal recopié). Imprimez la version actuelle.",
        "counterMark": "= précédent + 1", "patientMark": "→ liste d'attente",
        "holdListTitle": "Patients en attente — NE PAS TRAITER avant ressaisie et vérification",
        "holdListHelp": "À afficher au pupitre. Inscrire chaque patient dont une ligne du registre n'est pas encore ressaisie et vérifiée. Ce patient n'est pas traité avant d'avoir été libéré ici par un technologue et un radiophysicien.",
        "holdRow": "N° de ligne du registre", "treatmentUnit": "Poste de traitement",
        "releasedByRTT": "Libéré par (technologue)", "releasedByPhysicist": "Libéré par (radiophysicien)",
        // Whose words: an external REX keeps the source's text apart from the department's own.
        "origin": "Provenance", "action": "Action", "contributing": "facteur contributif",
        "externalNotice": "REX externe : l'événement est survenu dans un autre établissement. La partie « Texte de la source » cite ce que la source a publié, mot pour mot ; tout le reste (résumé, classement, systèmes, chronologie, analyse, causes, actions, enseignements, niveau de gravité) est le travail de notre service.",
        "sourcePart": "Texte de la source, cité tel que publié", "quotedNarrative": "Déroulement de l'incident",
        "quotedActions": "Actions correctrices rapportées par la source (celles de l'établissement concerné, pas les nôtres)",
        "quotedRecommendations": "Recommandations", "departmentPart": "Analyse et actions de notre service",
        "synopsisDepartment": "Résumé (rédigé par le service)", "narrativeDepartment": "Déroulement (selon le service)",
        "analysis": "Analyse du service",
        "causesDepartment": "Causes et facteurs contributifs (analyse du service, non publiée par la source)",
        "actionsDepartment": "Actions du service", "recommendationsDepartment": "Recommandations du service",
        "timelineDepartment": "Chronologie établie par le service à partir de la source (approx. : date ou heure estimée, non publiée)",
        "ratedByDepartment": "estimation du service", "ratedBySource": "niveau publié par la source",
        "followed": "Procédures suivies pendant l'événement",
        // rex draft-incident: a draft REX from exported runs ({0}, {1}… are filled in order).
        "draftHeader": "Brouillon de REX établi par « rex draft-incident » le {0} à partir de {1} déroulé(s) exporté(s) : {2}. Les faits (chronologie, registres) viennent des déroulés ; les parties « À compléter » sont pour le coordinateur qualité.",
        "draftTitle": "À compléter — {0} ({1})", "draftSource": "Déroulés exportés du déroulé pas à pas ({0})",
        "draftSynopsis": "À compléter par le coordinateur qualité : l'événement en deux ou trois phrases.",
        "draftNarrative": "À compléter par le coordinateur qualité : le déroulement, dans l'ordre, les faits seulement.",
        "draftAnalysis": "À compléter par le coordinateur qualité : l'analyse du service, puis les causes (causes) et les actions (actions).",
        "draftToComplete": "À compléter", "draftRecorded": "Ce que les déroulés ont enregistré :",
        "draftRun": "« {0} » ({1}, version {2}, révision {3}), {4}, déroulé {5} : commencé le {6} par {7}, {8}.",
        "draftCompleted": "terminé le {0}", "draftNotCompleted": "non terminé à l'export", "draftDrillRun": "EXERCICE",
        "draftCurrentVersion": "version en vigueur : {0}, révision {1}", "draftUnit": "poste {0}", "draftNoUnit": "poste non indiqué",
        "draftLogCount": "{0} — registre « {1} » : {2} ligne(s), dont {3} annulée(s) ; {4} complétée(s) ({5}), {6} en attente.",
        "draftLogCountPlain": "{0} — registre « {1} » : {2} ligne(s), dont {3} annulée(s).",
        "draftZone": "Heures données à l'heure de {0} ; le déroulé {1} les a enregistrées en UTC{2}.",
        "draftStart": "Début du déroulé « {0} » (version {1}), {2}, par {3}{4}.", "draftDrill": " — exercice",
        "draftOperator": "Relève : {0} remplace {1}.", "draftDecision": "Étape {0} : réponse « {1} » ({2}).",
        "draftBlocked": "Étape {0} bloquée ({1}) : {2}.",
        "draftOverride": "Étape {0} passée outre ({1}) malgré : {2}. Raison : « {3} ».",
        "draftCorrection": "Étape {0} corrigée ({1}) : {2}. Raison : « {3} ».", "draftReplaced": "« {0} » remplacé par « {1} »",
        "draftDone": "Étape {0} validée ({1}).", "draftEnd": "Fin du déroulé : procédure terminée.",
        "draftRowConfirmed": "Registre « {0} », ligne {1} ({2}) ajoutée ({3}) malgré un refus : {4}. Raison : « {5} ».",
        "draftRowLate": "Registre « {0} », ligne {1} ({2}) inscrite ({3}) {4} après la séance qu'elle décrit ({5}).",
        "draftRowVoid": "Registre « {0} », ligne {1} ({2}) annulée ({3}). Raison : « {4} ».",
        "draftRowReconcile": "Registre « {0} », ligne {1} ({2}) : {3} ({4}).",
        "draftOnHold": "patient en attente (ligne {0})", "draftCounterDuplicate": "compteur en double (ligne {0}, attendu : {1})",
        "draftCounterGap": "écart de compteur (ligne {0}, attendu : {1})", "draftSecond": "{0}, 2e : {1}",
        "draftDays": "{0} j", "draftRunID": "déroulé {0}",
    ]

    static let english: [String: String] = [
        "index": "Contents", "procedures": "Procedures", "incidents": "Incidents (REX)", "search": "Search",
        "searchPlaceholder": "Title, step, incident…", "noResults": "No results",
        "id": "Ref.", "version": "Version", "status": "Status", "effective": "Effective",
        "reviewBy": "Review by", "revision": "Revision code", "owner": "Owner", "approvedBy": "Approved by",
        "when": "When to use this procedure", "objective": "Objective", "roles": "Roles", "contacts": "Contacts",
        "goTo": "go to", "end": "END OF PROCEDURE", "endShort": "END", "then": "then",
        "warning": "WARNING", "caution": "CAUTION", "note": "NOTE", "because": "Origin",
        "record": "Record", "optional": "optional", "mustMatch": "must equal", "distinctFrom": "different from",
        "doubleCheck": "Double check: done by / checked by (different initials)",
        "doneBy": "Done by", "checkedBy": "Checked by",
        "log": "Log", "requiresReconciled": "Gate: every log row must be re-entered and verified",
        "reconcile": "After the restore", "checklist": "Printable checklist", "procedurePage": "Procedure",
        "overdue": "review overdue", "class": "Class", "severity": "Severity", "provisional": "provisional",
        "occurred": "Occurred", "detected": "Detected", "systems": "Systems", "patientsAffected": "Patients affected",
        "synopsis": "Synopsis", "narrative": "What happened", "timeline": "Timeline",
        "approx": "approx.", "causes": "Causes", "actions": "Corrective actions",
        "recommendations": "Recommendations", "lessons": "Lessons", "source": "Source",
        "answeredBy": "Procedures that answer this REX", "due": "Due", "none": "—",
        "uncontrolled": "Uncontrolled copy once printed", "page": "Page", "of": "of",
        "binder": "Emergency binder", "contents": "Contents", "printedOn": "Printed on",
        "row": "No.", "time": "Time", "initials": "Initials", "mode": "Mode",
        "report": "Incident report", "structured": "Structured record",
        "runnerNoScript": "JavaScript is off: follow the procedure on the printed checklist.",
        "skipLink": "Skip to content",
        "if": "If", "yes": "yes", "no": "no",
        "mismatch": "if no: STOP — do not go on without the physicist's written agreement; reason",
        "logIn": "write in the log",
        "signOff": "We confirm that every row of the log was re-entered in the R&V and verified by another person.",
        "name": "Name", "signature": "Signature", "dateTime": "Date and time",
        "revisionCheck": "Check a paper copy", "revisionCheckHelp": "Type the revision code printed on the copy:",
        "revisionCheckButton": "Check",
        "revisionCurrent": "Current copy", "revisionStale": "Unknown code: this copy is NOT the current version (or the code is mistyped). Print the current version.",
        "counterMark": "= previous + 1", "patientMark": "→ hold list",
        "holdListTitle": "Patients on hold — DO NOT TREAT before re-entry and verification",
        "holdListHelp": "Tape to the console. Write down every patient with a log row not yet re-entered and verified. That patient is not treated before being released here by a radiation therapist and a physicist.",
        "holdRow": "Log row no.", "treatmentUnit": "Treatment unit",
        "releasedByRTT": "Released by (radiation therapist)", "releasedByPhysicist": "Released by (physicist)",
        "origin": "Origin", "action": "Action", "contributing": "contributing factor",
        "externalNotice": "External REX: the event happened in another hospital. The part \u{201C}Source text\u{201D} quotes what the source published, word for word; everything else (synopsis, classification, systems, timeline, analysis, causes, actions, lessons, severity level) is our department's work.",
        "sourcePart": "Source text, quoted as published", "quotedNarrative": "What happened",
        "quotedActions": "Corrective actions reported by the source (the other hospital's, not ours)",
        "quotedRecommendations": "Recommendations", "departmentPart": "Our department's analysis and actions",
        "synopsisDepartment": "Synopsis (written by the department)", "narrativeDepartment": "What happened (the department's account)",
        "analysis": "The department's analysis",
        "causesDepartment": "Causes and contributing factors (the department's analysis, not published by the source)",
        "actionsDepartment": "The department's actions", "recommendationsDepartment": "The department's recommendations",
        "timelineDepartment": "Timeline drawn up by the department from the source (approx.: estimated date or time, not published)",
        "ratedByDepartment": "the department's estimate", "ratedBySource": "level published by the source",
        "followed": "Procedures followed during the event",
        "draftHeader": "Draft REX made by 'rex draft-incident' on {0} from {1} exported run(s): {2}. The facts (timeline, logs) come from the runs; the parts marked 'To complete' are for the QA officer.",
        "draftTitle": "To complete — {0} ({1})", "draftSource": "Runs exported by the step runner ({0})",
        "draftSynopsis": "To complete by the QA officer: the event in two or three sentences.",
        "draftNarrative": "To complete by the QA officer: what happened, in order, facts only.",
        "draftAnalysis": "To complete by the QA officer: the department's analysis, then the causes (causes) and actions (actions).",
        "draftToComplete": "To complete", "draftRecorded": "What the runs recorded:",
        "draftRun": "'{0}' ({1}, version {2}, revision {3}), {4}, run {5}: started on {6} by {7}, {8}.",
        "draftCompleted": "completed on {0}", "draftNotCompleted": "not completed when exported", "draftDrillRun": "DRILL",
        "draftCurrentVersion": "version in force: {0}, revision {1}", "draftUnit": "unit {0}", "draftNoUnit": "unit not given",
        "draftLogCount": "{0} — log '{1}': {2} row(s), {3} voided; {4} completed ({5}), {6} pending.",
        "draftLogCountPlain": "{0} — log '{1}': {2} row(s), {3} voided.",
        "draftZone": "Times are given in {0}; run {1} recorded them at UTC{2}.",
        "draftStart": "Run of '{0}' (version {1}) started, {2}, by {3}{4}.", "draftDrill": " — drill",
        "draftOperator": "Shift change: {0} takes over from {1}.", "draftDecision": "Step {0}: answer '{1}' ({2}).",
        "draftBlocked": "Step {0} blocked ({1}): {2}.",
        "draftOverride": "Step {0} overridden ({1}) despite: {2}. Reason: '{3}'.",
        "draftCorrection": "Step {0} corrected ({1}): {2}. Reason: '{3}'.", "draftReplaced": "'{0}' replaced by '{1}'",
        "draftDone": "Step {0} completed ({1}).", "draftEnd": "End of the run: procedure completed.",
        "draftRowConfirmed": "Log '{0}', row {1} ({2}) added ({3}) despite a refusal: {4}. Reason: '{5}'.",
        "draftRowLate": "Log '{0}', row {1} ({2}) written ({3}) {4} after the session it describes ({5}).",
        "draftRowVoid": "Log '{0}', row {1} ({2}) voided ({3}). Reason: '{4}'.",
        "draftRowReconcile": "Log '{0}', row {1} ({2}): {3} ({4}).",
        "draftOnHold": "patient on hold (row {0})", "draftCounterDuplicate": "duplicate counter (row {0}, expected: {1})",
        "draftCounterGap": "counter gap (row {0}, expected: {1})", "draftSecond": "{0}, second: {1}",
        "draftDays": "{0} d", "draftRunID": "run {0}",
    ]

    /// A wording of the table with `{0}`, `{1}`… filled in order.
    static func say(_ key: String, language: String, _ arguments: [String]) -> String {
        // One pass over the wording, so that an argument holding "{1}" stays as typed.
        let template = forLanguage(language)["t_\(key)"] ?? key
        var text = "", rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            text += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let index = Int(after[..<close]), arguments.indices.contains(index) {
                text += arguments[index]
                rest = after[after.index(after: close)...]
            } else {
                text += "{"
                rest = after
            }
        }
        return text + rest
    }

    /// Words for enumeration values, in the document's language.
    static func value(_ raw: String, language: String) -> String {
        if language.hasPrefix("en") { return englishValues[raw] ?? raw.prefix(1).uppercased() + raw.dropFirst() }
        return frenchValues[raw] ?? raw
    }

    private static let frenchValues: [String: String] = [
        "emergency": "Urgence", "downtime": "Arrêt (mode dégradé)", "restore": "Restauration", "routine": "Routine",
        "draft": "Brouillon", "approved": "Approuvée", "retired": "Retirée",
        "read-do": "LIRE-FAIRE", "do-confirm": "FAIRE-CONFIRMER",
        "near-miss": "Presque-incident", "unsafe-condition": "Situation à risque",
        "therapeutic-radiation-incident": "Incident d'irradiation thérapeutique",
        "other-safety-incident": "Autre incident de sécurité", "operational": "Opérationnel",
        "analysis": "En analyse", "actions-open": "Actions en cours", "closed": "Clôturé",
        "planned": "Prévue", "in-progress": "En cours", "done": "Réalisée", "cancelled": "Annulée",
        "procedure": "Procédure", "communication": "Communication", "training": "Formation",
        "equipment": "Équipement", "software": "Logiciel", "organisation": "Organisation",
        "human-factors": "Facteurs humains", "other": "Autre",
        "internal": "Interne (événement du service)", "external": "Externe (événement d'un autre établissement)",
    ]

    private static let englishValues: [String: String] = [
        "read-do": "READ-DO", "do-confirm": "DO-CONFIRM", "downtime": "Downtime",
        "therapeutic-radiation-incident": "Therapeutic radiation incident", "actions-open": "Actions open",
        "in-progress": "In progress", "human-factors": "Human factors", "near-miss": "Near miss",
        "unsafe-condition": "Unsafe condition", "other-safety-incident": "Other safety incident",
        "internal": "Internal (the department's own event)", "external": "External (another hospital's event)",
    ]
}
