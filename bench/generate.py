#!/usr/bin/env python3
"""Generates a synthetic handbook for benchmarks: N procedures and M incidents of realistic size,
plus the same Markdown as a Hugo content tree and as one file for the cmark CLI.

usage: generate.py OUT [--procedures 1000] [--incidents 2000]
"""
import argparse
import pathlib
import random

WORDS = ("restauration sauvegarde serveur base données patient fraction séance technologue radiophysicien "
         "vérifier consigner ressaisir accélérateur planning contrôle double horodatage registre arrêt "
         "procédure incident champ dose boost compteur traitement ICT Varian ARIA papier").split()


def sentence(rng, n=14):
    words = [rng.choice(WORDS) for _ in range(n)]
    words[rng.randrange(n)] = "**" + words[rng.randrange(n)] + "**"
    return " ".join(words).capitalize() + "."


def paragraph(rng, sentences=4):
    return " ".join(sentence(rng) for _ in range(sentences))


def indent(text, spaces):
    return "\n".join(" " * spaces + line for line in text.splitlines())


def procedure(rng, n):
    pid = f"proc-{n:04d}"
    lines = [f"id: {pid}", f"title: Procédure {n}", "kind: " + rng.choice(["emergency", "downtime", "restore", "routine"]),
             "version: 1", "status: approved", "owner: Qualité", "approved_by: Physicien chef",
             "effective: 2025-01-01", "review_by: 2030-01-01", "when: |", indent(paragraph(rng), 2),
             "objective: |", indent(paragraph(rng, 2), 2), "roles:", "  rtt: Technologue", "  ict: ICT",
             "logs:", "  rows:", "    title: Registre", "    columns:",
             "      - { id: patient, label: Patient, type: text }",
             "      - { id: at, label: Heure, type: datetime }",
             "    reconcile:", "      - { id: reentered_by, label: Ressaisi par, type: initials }",
             "      - { id: verified_by, label: Vérifié par, type: initials, distinct_from: reentered_by }",
             "sections:"]
    markdown = [paragraph(rng)]
    for s in range(5):
        lines += [f"  - title: Section {s + 1}", "    steps:"]
        for t in range(6):
            text = paragraph(rng, 3)
            markdown.append(text)
            lines += [f"      - id: s{s}-{t}", "        role: " + rng.choice(["rtt", "ict"]), "        do: |", indent(text, 10)]
            if t == 0:
                lines += ["        warning: |", indent(sentence(rng), 10)]
            if t == 2:
                lines += ["        record:", "          - { id: v%d, label: Valeur, type: number, min: 0, max: 100 }" % s]
            if s == 2 and t == 0:
                lines += ["        log: rows"]
    lines += ["      - id: close", "        do: Clôturer.", "        requires_reconciled: rows", "        double_check: true",
              "        goto: end"]
    return pid, "\n".join(lines) + "\n", "\n\n".join(markdown)


def incident(rng, n):
    iid = f"rex-{n:04d}"
    narrative = "\n\n".join(paragraph(rng, 5) for _ in range(6))
    lessons = "\n".join("- " + sentence(rng) for _ in range(5))
    text = "\n".join([f"id: {iid}", f"title: Incident {n}", "event_class: near-miss", "occurred: 2024-03-02T10:15",
                      "status: analysis", "synopsis: |", indent(paragraph(rng, 2), 2), "narrative: |", indent(narrative, 2),
                      "lessons: |", indent(lessons, 2),
                      "timeline:", "  - { at: 2024-03-02T10:15, event: Début }", "  - { at: 2024-03-02, event: Fin, approx: true }"])
    return iid, text + "\n", "\n\n".join([narrative, lessons])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--procedures", type=int, default=1000)
    parser.add_argument("--incidents", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(42)
    handbook, hugo = args.out / "handbook", args.out / "hugo"
    for folder in [handbook / "procedures", handbook / "incidents", hugo / "content" / "procedures",
                   hugo / "content" / "incidents", hugo / "layouts" / "_default"]:
        folder.mkdir(parents=True, exist_ok=True)
    (handbook / "rex.yml").write_text("name: Benchmark\nlanguage: fr\n", encoding="utf-8")
    (hugo / "hugo.toml").write_text('baseURL = "/"\ntitle = "Benchmark"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
    (hugo / "layouts" / "_default" / "single.html").write_text("<html><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n")
    (hugo / "layouts" / "_default" / "list.html").write_text("<html><body>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</body></html>\n")
    all_markdown = []
    for kind, count, make in [("procedures", args.procedures, procedure), ("incidents", args.incidents, incident)]:
        for n in range(count):
            doc_id, yaml_text, markdown = make(rng, n)
            (handbook / kind / f"{doc_id}.yml").write_text(yaml_text, encoding="utf-8")
            (hugo / "content" / kind / f"{doc_id}.md").write_text(f"---\ntitle: {doc_id}\n---\n\n{markdown}\n", encoding="utf-8")
            all_markdown.append(markdown)
    (args.out / "all.md").write_text("\n\n".join(all_markdown), encoding="utf-8")


if __name__ == "__main__":
    main()
