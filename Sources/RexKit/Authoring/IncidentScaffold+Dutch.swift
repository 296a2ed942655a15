/// Dutch: the words of a new REX record (ervaringsfeedback), as a Flemish radiotherapy department writes them.
extension IncidentScaffold.Texts {
    static let dutch = Self(
        comments: Comments(
            header: """
                # REX-fiche (ervaringsfeedback). Elke mogelijke sleutel staat hier met een voorbeeld dat „rex validate”
                # doorstaat: vervang de voorbeelden en schrap de facultatieve sleutels die u niet nodig hebt.
                # De tekst van de sleutels gemarkeerd met (Markdown) aanvaardt **vet**, lijsten en links.
                """,
            id: "verplicht: gelijk aan de bestandsnaam",
            title: "verplicht",
            language: "\(choices(Language.self)); leeg: de taal van rex.yml",
            origin: "\(choices(IncidentOrigin.self)): een voorval in onze dienst, of in een andere instelling",
            source: "waar deze ervaringsfeedback vandaan komt (interne melding, FANC — REX 3 - 2020…)",
            quoted: "externe ervaringsfeedback: de tekst van de bron, woord voor woord (leeg bij een interne melding)",
            quotedNarrative: "(Markdown) het verloop zoals de bron het publiceerde",
            quotedActions: "(Markdown) de acties die de bron meldt (die van de andere instelling)",
            quotedRecommendations: "(Markdown) de aanbevelingen van de bron",
            eventClass: "verplicht: \(choices(EventClass.self))",
            dateTime: "verplicht: JJJJ-MM-DD of JJJJ-MM-DDTUU:MM",
            detected: "wanneer het voorval werd vastgesteld; een schatting schrijft u zo:",
            detectedApprox: "geschatte datum of geschat uur (standaard false)",
            systems: "betrokken systemen",
            patientsAffected: "aantal betrokken patiënten",
            severity: "niveau op een ernstschaal",
            scale: "verplicht: asn-sfro, of een schaal die in rex.yml gedeclareerd is",
            level: "verplicht: een niveau van de schaal, tussen aanhalingstekens (\"0\", \"1\", \"2+\"…)",
            provisional: "niveau nog voorlopig (standaard false)",
            ratedBy: "\(choices(SeverityRater.self)): onze inschatting, of het niveau dat de bron publiceerde",
            severityNote: "(Markdown) waarom dit niveau",
            status: "verplicht: \(choices(IncidentStatus.self))",
            synopsis: "verplicht (Markdown): het voorval in twee of drie zinnen",
            narrative: "(Markdown) het verloop, in volgorde, enkel de feiten",
            timeline: "gedateerde gebeurtenissen, in volgorde",
            event: "verplicht (Markdown)",
            eventApprox: "geschat uur (standaard false)",
            analysis: "(Markdown) de analyse van de dienst: wat het voorval aantoont, de gevolgen",
            causes: "oorzaken en bijdragende factoren, volgens de analyse van de dienst",
            category: "verplicht: \(choices(CauseCategory.self))",
            causeText: "verplicht (Markdown)",
            contributing: "eerder een bijdragende factor dan een oorzaak (standaard false)",
            actions: "corrigerende acties",
            actionText: "verplicht (Markdown)",
            actionOwner: "wie ze uitvoert",
            due: "uiterste datum, JJJJ-MM-DD",
            actionStatus: "verplicht: \(choices(ActionStatus.self))",
            actionProcedure: "de nieuwe of aangepaste procedure (procedures/ID.yml)",
            recommendations: "(Markdown) de aanbevelingen van de dienst (die van een bron horen in quoted)",
            lessons: "(Markdown) wat de dienst eruit leert",
            followed: "de procedures gevolgd tijdens het voorval (rex draft-incident vult ze in)"),
        examples: Examples(
            title: "Tijdens een R&V-uitval gegeven fracties niet opnieuw ingegeven",
            source: "Interne melding",
            systems: ["R&V", "Bestralingstoestel 1"],
            severityNote: "Geen enkele fractie werd met een verkeerde fractieteller gegeven.",
            synopsis: """
                Twee fracties die tijdens een uitval van het R&V gegeven werden, zijn pas de volgende dag
                opnieuw ingegeven; het verschil werd vóór de volgende fractie opgemerkt.
                """,
            narrative: """
                Om 8.15 uur valt het R&V uit op bestralingstoestel 1. De fracties worden gegeven
                met de afgedrukte plannen en in het papieren register genoteerd.

                Om 11.40 uur, wanneer het R&V terug werkt, blijken twee fracties in het dossier te ontbreken.
                """,
            firstEvent: "Het R&V valt uit op bestralingstoestel 1.",
            secondEvent: "Twee fracties ontbreken in het R&V.",
            analysis: "Het papieren register bestond, maar niets belette om de behandelingen te hervatten vóór de heringave.",
            cause: "Geen enkele stap eiste de heringave vóór het hervatten van de behandelingen.",
            firstAction: "Een register van de fracties en de gecontroleerde heringave toevoegen aan de uitvalprocedure.",
            firstOwner: "Kwaliteitscoördinator",
            secondAction: "De technologen opleiden in het gebruik van het papieren register.",
            secondOwner: "Coördinerend technoloog",
            recommendations: "- Houd een papieren register bij van **elke** fractie die tijdens een uitval gegeven wordt.",
            lessons: "Een fractie die zonder het R&V gegeven werd, bestaat voor het R&V niet zolang ze niet opnieuw ingegeven is."))
}
