"""Printed checklists and the binder, printed by Chromium to A4 PDF and read back with pdftotext.

What a team holds during a total outage is paper: these tests read the paper, page by page.
"""
import html.parser
import os
import pathlib
import re
import shutil
import subprocess
import tempfile

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
REX = os.environ.get("REX", str(REPO / ".build" / "debug" / "rex"))
PRINT_FIXTURE = REPO / "Tests" / "fixtures" / "print-handbook"
ARTIFACTS = REPO / "Tests" / "browser" / "artifacts"
A4_POINTS = (595, 842)


def build_site(root, out):
    subprocess.run([REX, "build-site", "--root", str(root), "--out", str(out)], check=True,
                   stdout=subprocess.DEVNULL)
    return out


def print_to_pdf(page, pdf):
    """Chromium's own PDF output (the print path), without its default URL/date header and footer."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", pathlib.Path(page).as_uri()],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    return pdf


def pdf_pages(pdf):
    """The text of each page, in reading order."""
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                                text=True, check=True).stdout).group(1))
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout for n in range(1, count + 1)]


def squash(text):
    return " ".join(text.split())


class StepText(html.parser.HTMLParser):
    """The visible text of each `.check-step` of a checklist page, in document order,
    without the role tag printed in the margin (it is read out of line order)."""

    def __init__(self):
        super().__init__()
        self.steps, self.depth, self.current, self.role_depth = [], 0, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if self.current is None and "check-step" in classes:
            self.current, self.depth = {"id": attrs.get("data-step"), "text": []}, 0
        if self.current is not None and tag not in ("br", "input", "img"):
            self.depth += 1
            if "role" in classes and self.role_depth is None:
                self.role_depth = self.depth

    def handle_endtag(self, tag):
        if self.current is not None and tag in ("td", "th", "tr", "p", "div", "li"):
            self.current["text"].append(" ")  # a cell or block ends a word
        if self.current is not None and tag not in ("br", "input", "img"):
            if self.role_depth == self.depth:
                self.role_depth = None
            self.depth -= 1
            if self.depth == 0:
                self.current["text"] = squash("".join(self.current["text"]))
                self.steps.append(self.current)
                self.current = None

    def handle_data(self, data):
        if self.current is not None and self.role_depth is None:
            self.current["text"].append(data)


def check_steps(page_html):
    parser = StepText()
    parser.feed(pathlib.Path(page_html).read_text(encoding="utf-8"))
    return parser.steps


@pytest.fixture(scope="session")
def printed_sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("print")
    return {"shipped": build_site(REPO, root / "shipped"), "fixture": build_site(PRINT_FIXTURE, root / "fixture")}


@pytest.fixture(scope="session")
def printed(printed_sites, tmp_path_factory):
    """Prints a page of a built site once; returns (pdf path, page texts)."""
    cache, folder = {}, tmp_path_factory.mktemp("pdf")

    def get(site, page):
        key = (site, page)
        if key not in cache:
            pdf = print_to_pdf(printed_sites[site] / page, folder / (site + "-" + page.replace("/", "-") + ".pdf"))
            cache[key] = (pdf, pdf_pages(pdf))
        return cache[key]
    return get


SHIPPED = ["aria-restore", "rv-downtime", "ict-maintenance-serveurs-rt"]


def revision_of(site, procedure):
    page = (site / "procedures" / f"{procedure}.html").read_text(encoding="utf-8")
    return re.search(r'data-revision="([0-9a-f]{8})"', page).group(1)


@pytest.mark.parametrize("procedure", SHIPPED)
def test_every_page_has_header_footer_and_numbering(printed, printed_sites, procedure):
    pdf, pages = printed("shipped", f"checklists/{procedure}.html")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (round(width), round(height)) == A4_POINTS
    revision = revision_of(printed_sites["shipped"], procedure)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        flat = squash(text)
        assert "Manuel de continuité — Radiothérapie" in flat, f"page {number} has no handbook header"
        assert f"{procedure} · v" in flat, f"page {number} has no id/version header"
        assert f"Code de révision {revision}" in flat, f"page {number} lacks revision code {revision}"
        assert "Copie non contrôlée une fois imprimée" in flat, f"page {number} has no uncontrolled-copy footer"
        assert re.search(r"Imprimé le \d\d/\d\d/\d{4}", flat), f"page {number} has no printed date"
        assert f"Page {number} / {len(pages)}" in flat, f"page {number} is not numbered {number} / {len(pages)}"


@pytest.mark.parametrize("procedure", SHIPPED)
def test_steps_are_all_printed_in_order_and_never_split(printed, printed_sites, procedure):
    _, pages = printed("shipped", f"checklists/{procedure}.html")
    site_page = printed_sites["shipped"] / "checklists" / f"{procedure}.html"
    steps = check_steps(site_page)
    assert steps, "the checklist has steps"
    # Text read out of line order on paper: margin role tags and section mode labels.
    margin = set(re.findall(r'class="role">([^<]+)<', site_page.read_text(encoding="utf-8")))
    noise = {m.upper() for m in margin} | {"LIRE-FAIRE", "FAIRE-CONFIRMER"}
    flat = [" ".join(w for w in page.split() if w not in noise) for page in pages]
    numbers = [next(w for w in step["text"].split() if re.fullmatch(r"\d+\.\d+", w)) for step in steps]
    assert numbers == sorted(numbers, key=lambda n: tuple(map(int, n.split(".")))), "numbered in order"
    page = 0
    for step, number in zip(steps, numbers):
        words = [w for w in step["text"].split() if w not in noise]
        after = words[words.index(number) + 1:]
        head, tail = " ".join(after[:4]), " ".join(words[-5:])
        start = next((p for p in range(page, len(flat))
                      if re.search(rf"(^| ){re.escape(number)}( |$)", flat[p]) and head in flat[p]), None)
        assert start is not None, f"step {number} ({head!r}) is missing or out of order"
        assert tail in flat[start], f"step {number} is split across pages: {tail!r} is not on page {start + 1}"
        page = start


def test_paper_log_has_columns_reconciliation_and_empty_rows(printed):
    _, pages = printed("fixture", "checklists/panne-reseau.html")
    log_pages = [squash(p) for p in pages if "Registre : Séances délivrées sans réseau" in squash(p)]
    assert log_pages, "the log prints on its own page"
    text = log_pages[0]
    for column in ["Patient (ID)", "Fraction n°", "Heure", "Technologue",
                   "Après la restauration : Ressaisi par", "Après la restauration : Vérifié par"]:
        assert column in text
    rows = re.findall(r"(?<![\d/.])(\d{1,2})(?![\d/.:])", text.split("Vérifié par", 1)[1])
    assert [int(r) for r in rows[:12]] == list(range(1, 13)), "12 numbered empty rows (paper_rows: 12)"
    assert "Page ____ sur ____" in text


def test_closing_step_prints_sign_off_and_paper_blanks(printed):
    _, pages = printed("fixture", "checklists/panne-reseau.html")
    text = squash(" ".join(pages))
    assert "Nous attestons que chaque ligne du registre a été ressaisie dans le R&V et vérifiée par une autre personne." in text
    assert "Fait par" in text and "Vérifié par" in text
    assert "Début de la panne : __/__/____ __:__" in text, "a date-time blank"
    assert "Dose mesurée : __________ cGy" in text, "a number blank with its unit"
    assert "Faisceau : □ 6 MV □ 10 MV □ 15 MV" in text, "a choice prints its options with boxes"
    assert "Si « Oui » → aller à 2.2" in text and "Si « Non » → ■ FIN DE LA PROCÉDURE" in text
    assert "APPELÉ" in text, "challenge–response line"
    assert text.index("DANGER") < text.index("Appeler le radiophysicien"), "a warning comes before its step"


def test_shipped_must_match_prints_a_check_line(printed):
    _, pages = printed("shipped", "checklists/aria-restore.html")
    text = squash(" ".join(pages))
    assert re.search(r"= Sauvegarde [^?]+\(\d\.\d\)( \(± [^)]+\))? \? □ oui □ non → si non : STOP", text)


def test_must_match_check_line_shows_the_tolerance(printed):
    _, pages = printed("shipped", "checklists/aria-restore.html")
    text = squash(" ".join(pages))
    # aria-restore: the two restore points may differ by the department's 10 minutes (same night job).
    assert re.search(r"= Sauvegarde base de données \(\d\.\d\) \(± 10 min\) \? □ oui □ non → si non : STOP", text)
    _, fixture = printed("fixture", "checklists/panne-reseau.html")
    assert "±" not in " ".join(fixture), "no tolerance, nothing printed"


HOLD_TITLE = "Patients en attente — NE PAS TRAITER avant ressaisie et vérification"


def log_page_indices(pages, title):
    return [i for i, page in enumerate(pages) if f"Registre : {title}" in squash(page).split(HOLD_TITLE)[0]]


def test_paper_log_marks_the_counter_and_patient_columns(printed, printed_sites):
    _, pages = printed("shipped", "checklists/rv-downtime.html")
    log_pages = [squash(pages[i]) for i in log_page_indices(pages, "Séances à ressaisir (pendant l'arrêt, ou effacées par une restauration)")]
    assert log_pages, "the log prints"
    for text in log_pages:
        # Eleven narrow columns: pdftotext reads their wrapped headers line by line, across columns; the marks
        # are checked word by word here and whole in the HTML below.
        assert "précédent" in text and re.search(r"\+ ?1", text), "the counter column says how it is filled"
        assert "→ liste d'attente" in text, "the patient column points to the hold list"
    page = (printed_sites["shipped"] / "checklists" / "rv-downtime.html").read_text(encoding="utf-8")
    log = page.split('data-paper-log="treatments"', 1)[1].split("</thead>", 1)[0]
    assert 'Fraction n° (plan / phase) <span class="column-mark" data-column-mark="counter">= précédent + 1</span>' in log
    assert 'Patient (n° de dossier) <span class="column-mark" data-column-mark="patient">→ liste d&#39;attente</span>' in log
    _, fixture = printed("fixture", "checklists/panne-reseau.html")
    text = squash(" ".join(fixture))
    assert "précédent" not in text and "liste d'attente" not in text, "a log without patient/counter has no marks"


def hold_list_pages(pages):
    return [i for i, page in enumerate(pages) if HOLD_TITLE in squash(page)]


def test_a_blank_hold_list_page_follows_each_log_with_a_patient_column(printed, printed_sites):
    _, pages = printed("shipped", "checklists/rv-downtime.html")
    holds = hold_list_pages(pages)
    assert len(holds) == 1, "one log with a patient column, one hold list"
    hold = holds[0]
    text = squash(pages[hold])
    # Its own sheet, straight after the log's last sheet: the title opens it, nothing of the log is on it.
    before = squash(pages[hold - 1])
    assert re.search(r"(^| )60 Page ____ sur ____", before), "the sheet before ends the log (paper_rows: 60)"
    body = text.split("Code de révision", 1)[1]
    assert body.split()[1:4] == ["Patients", "en", "attente"], f"the hold list starts its page: {body[:80]!r}"
    assert not re.search(r"(^| )60( |$)", body), "no row of the log spills onto the hold list"
    for words in ["Registre : Séances à ressaisir (pendant l'arrêt, ou effacées par une restauration)", "À afficher au pupitre",
                  "Poste de traitement : ____", "Date et heure : __/__/____ __:__",
                  "Patient (n° de dossier)", "N° de ligne du registre", "Fraction n°", "Heure",
                  "Libéré par (radiophysicien)", "Libéré par (radiothérapeute-oncologue)"]:
        # A narrow column wraps "radiothérapeute-oncologue" after its hyphen, which pdftotext joins without it.
        assert words.replace("-", "") in text.replace("-", ""), f"{words!r} missing from the hold list"
    # ~15 empty lines to fill by hand, and nothing else on that sheet.
    page = (printed_sites["shipped"] / "checklists" / "rv-downtime.html").read_text(encoding="utf-8")
    section = re.search(r'<section class="paper-hold-list" data-paper-hold-list="treatments">(.*?)</section>',
                        page, re.S).group(1)
    assert section.count("<tr><td></td>") == 15
    following = squash(pages[hold + 1]).split("Code de révision", 1)[1].split()
    assert following[1:3] == ["Registre", ":"], "the hold list is one sheet; the next sheet starts the next log"

    _, aria = printed("shipped", "checklists/aria-restore.html")
    assert len(hold_list_pages(aria)) == 2, "aria-restore: both logs name their patients"
    _, fixture = printed("fixture", "checklists/panne-reseau.html")
    assert hold_list_pages(fixture) == [], "a log without a patient column has no hold list"


def test_draft_prints_a_watermark_on_every_page(printed):
    _, pages = printed("fixture", "checklists/brouillon-onduleur.html")
    for number, text in enumerate(pages, start=1):
        assert "Brouillon" in text, f"draft watermark missing on page {number}"
    _, approved = printed("fixture", "checklists/panne-reseau.html")
    assert all("Brouillon" not in page for page in approved)


def test_binder_holds_every_approved_emergency_downtime_restore_procedure_and_nothing_else(printed, printed_sites):
    _, pages = printed("fixture", "binder.html")
    text = squash(" ".join(pages))
    assert "Panne du réseau — traitement en mode dégradé" in text
    assert "Coupure de courant — onduleur" not in text, "a draft is not in the binder"
    assert "Contrôle hebdomadaire des sauvegardes" not in text, "routine procedures are not in the binder"
    cover = squash(pages[0])
    assert "Classeur d'urgence" in cover and "Panne du réseau" in cover
    assert revision_of(printed_sites["fixture"], "panne-reseau") in cover, "the cover lists revision codes"


def test_shipped_binder_starts_each_procedure_on_a_new_page(printed):
    _, pages = printed("shipped", "binder.html")
    flat = [squash(p) for p in pages]
    for title in ["Restauration coordonnée de l'environnement ARIA", "Arrêt du R&V : traiter et consigner sur papier"]:
        opening = "QUAND UTILISER CETTE PROCÉDURE"
        starts = [i for i, page in enumerate(flat) if title in page and opening in page]
        assert starts, f"{title} is in the binder"
        # The chapter's first sheet carries its own header, not the previous chapter's.
        assert title in flat[starts[0]].split(opening)[0]
    assert not any("Maintenance des serveurs de radiothérapie par l'ICT" in page for page in flat[1:]), \
        "the routine maintenance procedure is not in the binder"


def test_aria_checklist_page_as_png_artifact(printed):
    pdf, _ = printed("shipped", "checklists/aria-restore.html")
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "aria-restore-checklist"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "2", "-l", "2", "-singlefile", str(pdf), str(target)],
                   check=True)
    png = target.with_suffix(".png")
    assert png.stat().st_size > 10_000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


DEPARTMENT_TITLE = "Clôture de l'arrêt pour le service — tous les postes de traitement"


def test_rv_downtime_prints_a_department_closing_sheet_one_line_per_unit(printed, printed_sites):
    _, pages = printed("shipped", "checklists/rv-downtime.html")
    sheets = [i for i, page in enumerate(pages) if DEPARTMENT_TITLE in squash(page)]
    assert len(sheets) == 1, "one department closing sheet"
    sheet = squash(pages[sheets[0]])
    assert sheets[0] == len(pages) - 1, "it ends the checklist, after the logs"
    body = sheet.split("Code de révision", 1)[1]
    assert body.split()[1:4] == ["Clôture", "de", "l'arrêt"], f"it starts its own page: {body[:80]!r}"
    for words in ["À remplir par le coordinateur", "chaque poste", "Début de l'arrêt : __/__/____ __:__",
                  "Poste", "Registre rendu ou déroulé importé", "Non concerné : raison", "Lignes inscrites",
                  "Lignes annulées", "Lignes ressaisies et vérifiées", "Initiales (poste)",
                  "TrueBeam 1", "TrueBeam 2", "Halcyon", "Total", "Coordinateur", "Radiophysicien", "Signature",
                  "Nous attestons que chaque poste est pris en compte"]:
        assert words in sheet, f"{words!r} missing from the department closing sheet"
    assert sheet.index("TrueBeam 1") < sheet.index("TrueBeam 2") < sheet.index("Halcyon") < sheet.index("Total")
    closing = next(squash(page) for page in pages if "Pour tout le service" in squash(page))
    assert "→ Clôture du service : feuille de clôture de l'arrêt (tous les postes)" in closing
    assert "tableau de réconciliation" in closing
    _, aria = printed("shipped", "checklists/aria-restore.html")
    assert not any(DEPARTMENT_TITLE in squash(page) for page in aria), "aria-restore closes run by run"


def test_rex_reconcile_prints_the_department_hold_list_then_the_closing_report(tmp_path):
    """`rex reconcile --format html` over the units' exports (Tests/RexKitTests/Fixtures/department, exported by Chromium in
    test_board.py): the hold list on a sheet of its own, to tape up, then the closing report, with signatures."""
    fixtures = REPO / "Tests" / "RexKitTests" / "Fixtures" / "department"
    page = tmp_path / "verdict.html"
    result = subprocess.run([REX, "reconcile", "--root", str(REPO), "--format", "html", "--out", str(page),
                             *(str(fixtures / name) for name in ("linac-1.json", "linac-2.json", "halcyon-1.json",
                                                                 "linac-2-exercice.json"))],
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    pages = [squash(text) for text in pdf_pages(print_to_pdf(page, tmp_path / "verdict.pdf"))]
    assert "Patients en attente — NE PAS TRAITER avant ressaisie et vérification" in pages[0]
    # pdftotext may drop a hyphen it reads as a line break's ("PAT0412"): the HTML is checked whole in Swift.
    assert re.search(r"PAT-?0412", pages[0]) and "Halcyon, ligne 1 du registre" in pages[0]
    assert "Libéré par (radiophysicien)" in pages[0] and "radiothérapeuteoncologue" in pages[0].replace("-", "")
    report = " ".join(pages[1:])
    for expected in ("Rapport de clôture de l'arrêt — tout le service", "NON CLOS : 1 ligne(s) en attente",
                     "TrueBeam 1", "TrueBeam 2", "Halcyon", "Lignes annulées", "Patient non traité : erreur de saisie du dossier",
                     "Mis à part (non comptés)", "EXERCICE", "Nous attestons que chaque poste est pris en compte",
                     "Coordinateur", "Radiophysicien", "Signature"):
        assert expected in report, expected
    assert not re.search(r"PAT-?0600", pages[0]), "the hold list holds only the patients on hold"
