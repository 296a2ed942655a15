import Foundation
import Testing
@testable import RexKit

/// Values of the wrong type, impossible dates, values outside an enumeration, ids that are not ids.
@Suite("Loader: bad values")
struct LoaderValueTests {
    // MARK: Values

    @Test func wrongTypes() throws {
        try check(["procedures/p.yml": """
            id: p
            title: P
            kind: routine
            version: three
            status: draft
            owner: Qualité
            when: W
            incidents: rex-ok
            sections:
              - title: S
                steps:
                  - id: a
                    do: A
                    double_check: oui
                    record:
                      - { id: n, label: N, type: number, min: zéro }
            """], [
                "procedures/p.yml:4:10: error: 'version' must be a whole number, found 'three' [wrong-type]",
                "procedures/p.yml:8:12: error: 'incidents' must be a list (e.g. '- item' lines or [a, b]), found 'rex-ok' [wrong-type]",
                "procedures/p.yml:14:23: error: 'double_check' must be true or false, found 'oui' [wrong-type]",
                "procedures/p.yml:16:51: error: 'min' must be a number, found 'zéro' [wrong-type]",
            ])
    }

    @Test func aScalarWhereAListIsExpectedIsOneError() throws {
        // One mistake, one message: not a second "needs at least one section" for the same value.
        try check(["procedures/p.yml": """
            id: p
            title: P
            kind: routine
            version: 1
            status: draft
            owner: Qualité
            when: W
            sections: aucune
            """],
            ["procedures/p.yml:8:11: error: 'sections' must be a list (e.g. '- item' lines or [a, b]), found 'aucune' [wrong-type]"])
    }

    @Test func aFileThatIsNotAMapping() throws {
        try check(["procedures/p.yml": "- id: p\n- title: P\n"],
                  ["procedures/p.yml:1:1: error: expected a procedure as a mapping of keys, found a list [wrong-type]"])
    }

    @Test func impossibleDates() throws {
        try check([
            "procedures/p.yml": """
                id: p
                title: P
                kind: routine
                version: 1
                status: draft
                owner: Qualité
                effective: 2026-02-30
                review_by: 01/03/2027
                when: W
                sections:
                  - title: S
                    steps:
                      - { id: a, do: A }
                """,
            "incidents/rex-x.yml": """
                id: rex-x
                title: X
                event_class: near-miss
                occurred: 2020-11-16T25:10
                detected: 2021-02-29
                status: closed
                synopsis: S
                timeline:
                  - { at: 2020-13-01, event: E }
                """,
        ], [
            "incidents/rex-x.yml:4:11: error: '2020-11-16T25:10' is not a real time of day [invalid-date]",
            "incidents/rex-x.yml:5:11: error: '2021-02-29' is not a real date [invalid-date]",
            "incidents/rex-x.yml:9:11: error: '2020-13-01' is not a real date [invalid-date]",
            "procedures/p.yml:7:12: error: '2026-02-30' is not a real date [invalid-date]",
            "procedures/p.yml:8:12: error: expected a date (YYYY-MM-DD), found '01/03/2027' [invalid-date]",
        ])
    }

    /// Digits that are digits to Unicode but not ASCII once crashed the loader (a Regex's `\d` matched them,
    /// then `Int(…)!` could not read them). They are written wrongly, like any other date.
    @Test func datesInOtherDigitsAreInvalidNotACrash() throws {
        try check(["procedures/p.yml": """
            id: p
            title: P
            kind: routine
            version: 1
            status: draft
            owner: Qualité
            effective: ٢٠٢١-٠٣-٠١
            review_by: "２０２６-03-01"
            when: W
            sections:
              - title: S
                steps:
                  - { id: a, do: A }
            """], [
                "procedures/p.yml:7:12: error: expected a date (YYYY-MM-DD), found '٢٠٢١-٠٣-٠١' [invalid-date]",
                "procedures/p.yml:8:12: error: expected a date (YYYY-MM-DD), found '２０２６-03-01' [invalid-date]",
            ])
    }

    @Test func valuesOutsideAnEnumeration() throws {
        try check([
            "procedures/p.yml": """
                id: p
                title: P
                kind: outage
                version: 1
                status: aproved
                owner: Qualité
                when: W
                sections:
                  - title: S
                    mode: read_do
                    steps:
                      - { id: a, do: A }
                """,
            "incidents/rex-x.yml": """
                id: rex-x
                title: X
                event_class: incident
                occurred: 2024-05-02
                status: closed
                synopsis: S
                """,
        ], [
            "incidents/rex-x.yml:3:14: error: 'incident' is not a valid event_class; expected one of: near-miss, "
                + "unsafe-condition, therapeutic-radiation-incident, other-safety-incident, operational [invalid-value]",
            "procedures/p.yml:3:7: error: 'outage' is not a valid kind; expected one of: emergency, downtime, restore, routine [invalid-value]",
            "procedures/p.yml:5:9: error: 'aproved' is not a valid status; expected one of: draft, approved, retired; did you mean 'approved'? [invalid-value]",
            "procedures/p.yml:10:11: error: 'read_do' is not a valid mode; expected one of: read-do, do-confirm; did you mean 'read-do'? [invalid-value]",
        ])
    }

    // MARK: Ids

    @Test func invalidIds() throws {
        try check([
            "procedures/aria.yml": Sample.procedure.replacingOccurrences(of: "id: ok\n", with: "id: Aria_Restore\n"),
            "procedures/Aria Restore.yml": "id: aria-restore\n",
            "procedures/p.yml": """
                id: p
                title: P
                kind: routine
                version: 1
                status: draft
                owner: Qualité
                when: W
                sections:
                  - title: S
                    steps:
                      - id: Step 1
                        do: A
                """,
        ], [
            "procedures/Aria Restore.yml:1:1: error: file name 'Aria Restore.yml' is not a valid id: use lower-case letters, digits and '-' [invalid-id]",
            "procedures/aria.yml:1:5: error: 'Aria_Restore' is not a valid id: use lower-case letters, digits and '-' (e.g. 'aria-restore') [invalid-id]",
            "procedures/p.yml:11:13: error: 'Step 1' is not a valid id: use lower-case letters, digits, '-' and '_' (e.g. 'db_backup_at') [invalid-id]",
        ])
    }

    @Test func idDiffersFromFileName() throws {
        let procedure = Sample.procedure.replacingOccurrences(of: "id: ok\n", with: "id: okay\n")
        try check(["procedures/p.yml": procedure],
                  ["procedures/p.yml:1:5: error: id 'okay' differs from the file name 'p.yml' [id-file-mismatch]"])
    }
}
