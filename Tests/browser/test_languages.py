"""Three languages, everywhere: each page, its paper and its runner speak only the document's language.

For each language, a version of one procedure (Tests/fixtures/languages-handbook: English, with its French
and Dutch translations) is run in Chromium — a blocked value, a decision, a row added, a row refused, the
hold list printed — and its checklist printed. The visible text and the PDFs must hold no fixed word of the
two other languages. The words come from rex's own tables (`rex words --language L`), not from a list typed
here, so a word added to a table is checked as soon as it exists.
"""
import base64
import json
import re
import subprocess

import pytest

from conftest import REPO, REX, _build

VERSIONS = {"en": "downtime", "fr": "downtime-fr", "nl": "downtime-nl"}
LANGUAGES_FIXTURE = REPO / "Tests" / "fixtures" / "languages-handbook"


def table(language):
    return json.loads(subprocess.run([REX, "words", "--language", language], capture_output=True, text=True,
                                     check=True).stdout)


def phrases(words):
    """Every fixed word of a table as phrases: placeholders split them; short or one-word pieces are dropped,
    since they may be the same in another language (“Version”, “Patient”, “MU”)."""
    found = set()
    for group in ("pages", "values", "runner"):
        for text in words[group].values():
            for piece in re.split(r"\{\d+\}|[«»“”„\"()\[\]:;·—–]", text):
                piece = " ".join(piece.split()).strip(" .,!?…→=+")
                if len(piece) >= 12 and " " in piece:
                    found.add(piece)
    return found


@pytest.fixture(scope="module")
def foreign():
    """{language: phrases of the two other languages that this language's own table does not use}."""
    tables = {language: table(language) for language in VERSIONS}
    own = {language: phrases(words) for language, words in tables.items()}
    everything = {language: " ".join(" ".join(words[group].values()) for group in ("pages", "values", "runner"))
                  for language, words in tables.items()}
    return {language: {phrase for other in VERSIONS if other != language for phrase in own[other]
                       if phrase not in everything[language]} for language in VERSIONS}


@pytest.fixture(scope="module")
def language_site(tmp_path_factory):
    return _build(LANGUAGES_FIXTURE, tmp_path_factory.mktemp("languages") / "site")


def pdf_text(browser):
    pdf = browser.driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False, "preferCSSPageSize": True})
    text = subprocess.run(["pdftotext", "-", "-"], input=base64.b64decode(pdf["data"]), capture_output=True,
                          check=True).stdout.decode("utf-8")
    return " ".join(text.split())


def visible(browser):
    return " ".join(browser.js("return document.body.innerText").split())


def assert_only(language, text, foreign, where):
    found = sorted(phrase for phrase in foreign[language] if phrase in text)
    assert not found, f"{where} ({language}) shows words of another language: {found}"


@pytest.mark.parametrize("language", list(VERSIONS))
def test_a_run_printed_and_exported_speaks_only_its_language(open_browser, language_site, foreign, language):
    words = table(language)
    runner = words["runner"]
    browser = open_browser()
    browser.open_procedure(language_site, VERSIONS[language])
    assert browser.js("return document.documentElement.lang") == language
    assert browser.text("[data-action=start]").strip() == words["pages"]["start"]
    browser.start("AB")
    browser.done("backup-points", {"db_at": "2025-03-04T21:00"})
    browser.done("file-point", {"fs_at": "2025-03-04T21:30"}, expect="blocked")  # an alert: beyond the tolerance
    assert runner["blockedHelp"] in browser.alert("file-point")
    browser.done("file-point", {"fs_at": "2025-03-04T21:05"})
    browser.click(browser.q('[data-step="treat"] [data-goto="log"]'))
    browser.wait_state("treat", "done")
    first_option = browser.js("return document.querySelector('[data-column=fields]').options[1].text")
    row = {"patient": "P-7", "fraction": "3", "fields": first_option, "delivered_at": "2025-03-05T08:30", "by": "CD"}
    browser.add_row("sessions", row)
    browser.add_row("sessions", dict(row, fraction="4"), expect_added=False)  # the patient is on hold: refused
    assert runner["rowRefused"] in browser.log_message("sessions")
    text = visible(browser)
    assert runner["holdTitle"] in text and words["pages"]["runStatus"] in text
    assert_only(language, text, foreign, "the procedure page during a run")
    assert_only(language, pdf_text(browser), foreign, "the procedure page printed during a run")
    browser.js("window.print = function () {};")
    browser.click(browser.q("[data-action=print-hold-list]"))
    held = pdf_text(browser)
    assert runner["holdDoNotTreat"] in held and "P-7" in held
    assert_only(language, held, foreign, "the printed hold list")
    _, exported = browser.export_json()
    assert exported["language"] == language
    browser.open(language_site, f"checklists/{VERSIONS[language]}.html")
    printed = pdf_text(browser)
    assert words["pages"]["uncontrolled"] in printed and words["pages"]["holdListTitle"] in printed
    assert_only(language, printed, foreign, "the printed checklist")


def test_translations_link_each_other_and_a_run_moves_between_them(open_browser, language_site, tmp_path):
    browser = open_browser()
    browser.open_procedure(language_site, "downtime-nl")
    links = browser.js("return [...document.querySelectorAll('[data-translations] a')].map((a) => "
                       "[a.textContent, a.getAttribute('href'), a.hreflang])")
    assert links == [["Français", "downtime-fr.html", "fr"], ["English", "downtime.html", "en"]]
    assert browser.text("[data-translations] strong") == "Nederlands"
    browser.start("AB")
    browser.done("backup-points", {"db_at": "2025-03-04T21:00"})
    path, _ = browser.export_json()
    other = open_browser()
    other.open_procedure(language_site, "downtime-fr")
    other.q("input[data-action=import-json]").send_keys(str(path))
    other.wait(lambda: other.status() == "in-progress")
    assert "Déroulé importé : 2 événement(s)" in other.run_message()
    assert other.state("backup-points") == "done" and other.state("file-point") == "current"
    browser.open(language_site, "checklists/downtime-fr.html")
    assert browser.js("return [...document.querySelectorAll('[data-translations] a')].map((a) => a.getAttribute('href'))") \
        == ["downtime-nl.html", "downtime.html"]


def test_search_finds_every_language_version(browser, language_site):
    browser.open(language_site, "index.html")
    box = browser.q("[data-search-input]")
    for query, expected in (("uitval", "downtime-nl"), ("arrêt", "downtime-fr"), ("downtime", "downtime")):
        browser.set_value(box, query)
        browser.wait(lambda: any(f"procedures/{expected}.html" in (a.get_attribute("href") or "")
                                 for a in browser.qa("[data-search-results] a")), message=query)


@pytest.mark.parametrize("procedure", ["rv-downtime-nl", "aria-restore-nl"])
def test_the_shipped_dutch_procedures_show_no_french_or_english_word(open_browser, runner_sites, foreign, procedure):
    """Done when: a Flemish radiation therapist runs, prints and exports rv-downtime in Dutch without meeting a
    French or English fixed word."""
    browser = open_browser()
    browser.open_procedure(runner_sites["shipped"], procedure)
    assert browser.js("return document.documentElement.lang") == "nl"
    browser.start("AB")
    assert_only("nl", visible(browser), foreign, f"procedures/{procedure}.html during a run")
    assert_only("nl", pdf_text(browser), foreign, f"procedures/{procedure}.html printed")
    _, exported = browser.export_json()
    assert exported["language"] == "nl" and exported["procedure"] == procedure
    browser.open(runner_sites["shipped"], f"checklists/{procedure}.html")
    assert_only("nl", pdf_text(browser), foreign, f"checklists/{procedure}.html printed")
