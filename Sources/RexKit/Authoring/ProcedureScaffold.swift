/// The text of a new procedure file: every key of `FormatSpec.procedure` and of the mappings inside it,
/// each with a French comment saying what it is for, with values that validate as written — so an author
/// starts from a file that works and deletes what the procedure does not need.
public enum ProcedureScaffold {
    /// A draft (`rex new procedure ID`): document-control keys left empty until approval.
    /// With `incident`, the example of `rex init`: approved, citing that REX record.
    public static func text(id: String, today: LocalDate, citing incident: String? = nil) -> String {
        let approved = incident != nil
        let status = approved ? "approved" : "draft"
        let approvedBy = approved ? " Radiophysicien chef de service" : ""
        let effective = approved ? " \(today)" : ""
        let reviewBy = approved ? " \(today.addingYears(2))" : ""
        let incidents = incident.map { "[\($0)]" } ?? "[]"
        return aligned("""
            # Procédure Rex. Chaque clé possible figure ici avec un exemple qui passe « rex validate » :
            # remplacez les exemples, supprimez les clés facultatives dont vous n'avez pas besoin.
            # Le texte des clés marquées (Markdown) accepte **gras**, listes et liens.
            id: \(id)  # obligatoire : égal au nom du fichier (procedures/\(id).yml)
            title: Arrêt du système d'enregistrement et de vérification  # obligatoire
            kind: downtime  # obligatoire : \(choices(ProcedureKind.self))
            language:  # fr | en ; vide : la langue de rex.yml
            version: 1  # obligatoire : numéro de version (1 ou plus), imprimé sur chaque copie
            status: \(status)  # obligatoire : \(choices(DocumentStatus.self))
            owner: Coordinateur qualité radiothérapie  # obligatoire : qui tient la procédure à jour
            approved_by:\(approvedBy)  # qui a approuvé cette version (obligatoire si approved)
            effective:\(effective)  # entrée en vigueur, AAAA-MM-JJ (obligatoire si approved)
            review_by:\(reviewBy)  # prochaine revue, AAAA-MM-JJ ; dépassée : avertissement
            when: >-  # obligatoire (Markdown) : quand appliquer cette procédure
              Le système d'enregistrement et de vérification (R&V) est **indisponible** sur au moins
              un accélérateur.
            objective: >-  # (Markdown) ce qui doit être vrai à la fin
              Chaque séance délivrée pendant l'arrêt est consignée, puis ressaisie et vérifiée par
              une deuxième personne.
            roles:  # rôles par identifiant ; le « role » d'une étape est déclaré ici
              rtt: Technologue en radiothérapie
              physicist: Radiophysicien de garde
            contacts:  # qui appeler
              - role: physicist  # un identifiant de roles
                name: Radiophysicien de garde  # obligatoire
                phone: "+32 2 000 00 00"  # entre guillemets
                note: 24 h/24  # toute précision utile
            incidents: \(incidents)  # identifiants des REX (incidents/ID.yml) auxquels elle répond
            logs:  # registres tenus à la main pendant l'arrêt, par identifiant
              seances:
                title: Séances délivrées pendant l'arrêt  # obligatoire
                paper_rows: 15  # lignes vides du registre papier (1 à 200 ; 15 par défaut)
                columns:  # obligatoire : colonnes remplies pendant l'arrêt
                  - id: patient
                    label: Patient (ID)
                    type: patient  # la colonne qui identifie le patient (une par registre) : liste des patients en attente
                  - id: fraction
                    label: Fraction n°
                    type: number
                    min: 1
                    max: 60
                    counter: true  # compteur de fractions du patient : chaque ligne = sa ligne précédente + 1
                  - { id: heure, label: Heure, type: datetime }
                  - { id: par, label: Technologue, type: initials }
                reconcile:  # colonnes remplies après le retour du système, ligne par ligne
                  - { id: ressaisi_par, label: Ressaisi par, type: initials }
                  - { id: verifie_par, label: Vérifié par, type: initials, distinct_from: ressaisi_par }
            closing: run  # run (chaque déroulé se clôt seul ; par défaut) | department (un déroulé par poste, clôture du service au tableau de réconciliation ; units dans rex.yml)
            sections:  # obligatoire : au moins une section
              - title: Constater l'arrêt  # obligatoire
                mode: read-do  # read-do (lire, puis faire ; par défaut) | do-confirm (faire, puis confirmer)
                steps:  # obligatoire : au moins une étape
                  - id: constater  # obligatoire : unique dans la procédure
                    role: rtt  # qui agit : un identifiant de roles
                    do: Noter l'heure de l'arrêt et le poste concerné.  # l'action (Markdown) ; une étape a « do » ou « ask »
                    expect: NOTÉ  # la réponse attendue (liste défi-réponse)
                    warning: Ne traiter **aucun** patient sans le plan imprimé et vérifié.  # danger pour les personnes
                    caution: Ne redémarrer **aucun** poste avant l'accord du service ICT.  # risque pour le matériel ou les données
                    note: L'heure sert au rapprochement après le retour du système.  # mise en évidence
                    because: \(incidents)  # identifiants des REX qui expliquent cette étape
                    record:  # valeurs à relever à cette étape
                      - id: debut  # obligatoire : unique dans la procédure
                        label: Début de l'arrêt  # obligatoire
                        type: datetime  # obligatoire : \(choices(FieldType.self)) (patient : colonnes d'un registre seulement)
                        required: true  # valeur exigée pour terminer l'étape (true par défaut)
                        must_match:  # un champ antérieur de même type dont la valeur doit être identique
                        tolerance:  # écart admis avec must_match : nombre (0.5) ou durée (30 s, 5 min, 2 h, 1 d) pour date, time, datetime
                        distinct_from:  # des initiales dont celles-ci doivent différer (champs initials)
                        min:  # plus petite valeur (champs number)
                        max:  # plus grande valeur (champs number)
                        options:  # les réponses possibles (champs choice)
                        unit:  # unité imprimée après un nombre (Gy, UM)
                      - { id: poste, label: Poste concerné, type: choice, options: [Accélérateur 1, Accélérateur 2] }
                      - { id: releve_par, label: Relevé par, type: initials }
                      - { id: controle_par, label: Contrôlé par, type: initials, distinct_from: releve_par }
                      - { id: dose, label: Dose de la séance en cours, type: number, min: 0, max: 20, unit: Gy, required: false }
                  - id: attendre
                    role: physicist
                    ask: Le système revient-il dans les **30 minutes** ?  # une décision (Markdown), avec choices
                    choices:  # au moins deux réponses
                      - answer: Oui  # obligatoire
                        goto: fin  # obligatoire : un identifiant d'étape, ou end
                      - answer: Non
                        goto: consigner
                  - id: consigner
                    role: rtt
                    do: Consigner **chaque** séance délivrée sans le système.
                    log: seances  # le registre où cette étape écrit des lignes
              - title: Clôturer
                mode: do-confirm
                steps:
                  - id: fin
                    role: physicist
                    do: Vérifier que chaque séance consignée a été ressaisie et contrôlée.
                    double_check: true  # une deuxième personne confirme, avec d'autres initiales
                    requires_reconciled: seances  # bloquée tant qu'une ligne du registre n'est pas ressaisie et vérifiée
                    goto: end  # où aller ensuite : un identifiant d'étape, ou end (fin de la procédure)
                    record:
                      - { id: debut_journal, label: Début de l'arrêt selon le journal du système, type: datetime, must_match: debut, tolerance: 15 min }

            """)
    }
}
