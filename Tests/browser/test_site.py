"""The published site in a real Chromium over file://: search, the stale-copy check, the strict
Content-Security-Policy, no request leaving the site, and pages complete with JavaScript off."""
import json
import os
import pathlib
import re
import subprocess
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

REPO = pathlib.Path(__file__).resolve().parents[2]
REX = os.environ.get("REX", str(REPO / ".build" / "debug" / "rex"))


def chromium(javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--user-data-dir={tempfile.mkdtemp(prefix='rex-site-')}"]:
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    subprocess.run([REX, "build-site", "--root", str(REPO), "--out", str(out)], check=True, stdout=subprocess.DEVNULL)
    return out


@pytest.fixture(scope="module")
def browser():
    driver = chromium()
    yield driver
    driver.quit()


def pages(site):
    return sorted(p for p in site.rglob("*.html"))


def test_every_page_loads_without_csp_violation_error_or_outside_request(site, browser):
    for page in pages(site):
        browser.get(page.as_uri())
        WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        problems = [entry["message"] for entry in browser.get_log("browser")
                    if entry["level"] in ("SEVERE", "WARNING")]
        assert problems == [], f"{page.relative_to(site)}: {problems}"
        for entry in browser.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                url = message["params"]["request"]["url"]
                assert not re.match(r"(https?|wss?|ftp):|//", url), f"{page.relative_to(site)} requested {url}"


def test_every_row_of_the_index_shows_when_scrolled_to(site, browser):
    # The registers are laid out only where they are on screen (content-visibility), so that an index of
    # thousands of documents opens at once; each row must still show, with its link, once scrolled to.
    browser.get((site / "index.html").as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "[data-index-procedure], [data-index-incident]")
    assert len(rows) > 5
    for row in rows:
        shown = browser.execute_script("""
            const row = arguments[0];
            row.scrollIntoView({block: 'center'});
            const link = row.querySelector('a'), box = link.getClientRects()[0];
            return row.checkVisibility({contentVisibilityAuto: true}) && box && box.height > 0
                && document.elementFromPoint(box.left + 2, box.top + box.height / 2) === link;""", row)
        assert shown, row.get_attribute("outerHTML")[:120]


def test_search_finds_steps_and_incidents_from_file_url(site, browser):
    browser.get((site / "index.html").as_uri())
    box = browser.find_element(By.CSS_SELECTOR, "[data-search-input]")
    assert box.is_displayed()
    box.send_keys("horodatage serveur fichiers")
    results = WebDriverWait(browser, 5).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "[data-search-results] a"))
    titles = [r.text for r in results]
    assert any(t.startswith("Restauration coordonnée de l'environnement ARIA — 2.") for t in titles), titles
    box.clear()
    box.send_keys("capture d'écran")
    WebDriverWait(browser, 5).until(lambda d: any(
        "Désynchronisation d'ARIA" in a.text for a in d.find_elements(By.CSS_SELECTOR, "[data-search-results] a")))
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "[data-search-results] a")
                if "Désynchronisation d'ARIA" in a.text)
    link.click()
    WebDriverWait(browser, 5).until(lambda d: d.current_url.endswith("incidents/rex-2020-03.html"))


def requested(browser):
    """The file names the page asked for since the last call (Chromium's performance log)."""
    names = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            names.append(message["params"]["request"]["url"].rsplit("/", 1)[-1])
    return names


@pytest.fixture
def site_copy(site, tmp_path):
    """A copy of the built site, for a test that takes files out of it or changes them."""
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(site), str(copy)], check=True)
    return copy


def search_files(site):
    """The site's search scripts: its first file and its entries files."""
    return ["search-data.js"] + sorted(path.name for path in (site / "assets").glob("search-entries-*.js"))


def test_search_data_is_loaded_only_when_the_search_box_is_used(site, browser):
    files = search_files(site)
    assert len(files) > 2, "the entries are spread over several files"
    requested(browser)  # what earlier tests asked for
    for page in ["index.html", "procedures/aria-restore.html", "incidents/rex-2020-03.html"]:
        browser.get((site / page).as_uri())
        WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        assert set(files).isdisjoint(requested(browser)), page
        assert browser.execute_script("return window.REX_SEARCH === undefined"), page
    box = browser.find_element(By.CSS_SELECTOR, "[data-search-input]")
    box.send_keys("horodatage")
    WebDriverWait(browser, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-search-results] a"))
    asked = requested(browser)
    assert sorted(name for name in asked if name in files) == sorted(files), "each file, once"
    box.send_keys(" serveur")
    WebDriverWait(browser, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-search-results] a"))
    assert set(files).isdisjoint(requested(browser)), "loaded once per page"
    assert [entry["message"] for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")] == []


def test_search_results_come_in_the_handbooks_order(site, browser):
    """The entries come back from their files in the order of the pages: each procedure, then its steps, in the
    handbook's order; the incidents last."""
    browser.get((site / "index.html").as_uri())
    box = browser.find_element(By.CSS_SELECTOR, "[data-search-input]")
    box.send_keys("a")
    WebDriverWait(browser, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-search-results] a"))
    pages = browser.execute_script("return window.REX_SEARCH_PAGES")
    entries = browser.execute_script("return window.REX_SEARCH.map(function (e) { return e.url; })")
    order = [url.split("#")[0] for url in entries]
    assert sorted(set(order), key=pages.index) == pages, "every page has its entries"
    assert order == sorted(order, key=pages.index), "in the pages' order"
    assert all(entries[order.index(page)] == page for page in pages), "each page's own entry comes first"
    steps = len(re.findall(r"^      - id: ", (REPO / "procedures" / "aria-restore.yml").read_text(encoding="utf-8")
                           .split("\nsections:\n", 1)[1], re.M))
    assert order.count("procedures/aria-restore.html") == 1 + steps


def test_stale_copy_check_loads_the_revisions_alone(site, browser):
    requested(browser)
    browser.get((site / "index.html").as_uri())
    code = browser.find_element(By.CSS_SELECTOR, "[data-revision-input]")
    code.send_keys("0badc0de\n")
    WebDriverWait(browser, 5).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "[data-revision-result]").get_attribute("data-result") == "stale")
    asked = requested(browser)
    assert asked.count("search-data.js") == 1 and not [name for name in asked if name.startswith("search-entries-")]


@pytest.mark.parametrize("missing", ["search-data.js", "an entries file"])
def test_search_says_so_when_its_data_is_missing(site, browser, site_copy, missing):
    (site_copy / "assets" / search_files(site)[0 if missing == "search-data.js" else -1]).unlink()
    browser.get((site_copy / "index.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, "[data-search-input]").send_keys("aria")
    WebDriverWait(browser, 5).until(lambda d: "introuvables" in d.find_element(By.CSS_SELECTOR, "[data-search-results]").text)
    browser.get_log("browser")  # the missing file's own error is the point here


def test_search_loads_its_files_anew_after_one_could_not_be_loaded(site, browser, site_copy):
    """A file missing when the search box is first used (a site being copied, or rebuilt since the page was opened):
    the search says its data cannot be found; once the file is there again, the next keystroke finds results."""
    entries = site_copy / "assets" / search_files(site)[-1]
    entries.rename(entries.with_suffix(".aside"))
    browser.get((site_copy / "index.html").as_uri())
    box = browser.find_element(By.CSS_SELECTOR, "[data-search-input]")
    box.send_keys("aria")
    WebDriverWait(browser, 5).until(lambda d: "introuvables" in d.find_element(By.CSS_SELECTOR, "[data-search-results]").text)
    entries.with_suffix(".aside").rename(entries)
    box.send_keys(" ")
    WebDriverWait(browser, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-search-results] a"))
    urls = browser.execute_script("return window.REX_SEARCH.map(function (e) { return e.url; })")
    assert len(urls) == len(set(urls)), "each entry once"
    browser.get_log("browser")  # the missing file's own error is the point here


def test_search_reads_the_first_file_anew_when_the_site_was_rebuilt_since_it_was_read(site, browser, site_copy):
    """The page read the first file (the stale-copy check), then the site was rebuilt without one of the entries
    files it lists: the search reads the first file anew and finds results (at the latest at the next keystroke)."""
    browser.get((site_copy / "index.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, "[data-revision-input]").send_keys("0badc0de\n")
    WebDriverWait(browser, 5).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "[data-revision-result]").get_attribute("data-result") == "stale")
    gone = search_files(site)[-1]
    number = int(re.search(r"(\d+)", gone).group(1))
    (site_copy / "assets" / gone).unlink()
    head = site_copy / "assets" / "search-data.js"
    text = head.read_text(encoding="utf-8")
    listed = re.search(r"^window\.REX_SEARCH_FILES = (\[.*\]);$", text, re.M)
    files = [n for n in json.loads(listed.group(1)) if n != number]
    head.write_text(text.replace(listed.group(0), f"window.REX_SEARCH_FILES = {json.dumps(files)};"), encoding="utf-8")
    box = browser.find_element(By.CSS_SELECTOR, "[data-search-input]")
    box.send_keys("aria")  # focusing the box starts a load, which fails: the keystrokes may already find results
    results = browser.find_element(By.CSS_SELECTOR, "[data-search-results]")
    WebDriverWait(browser, 5).until(lambda d: "introuvables" in results.text or results.find_elements(By.TAG_NAME, "a"))
    if not results.find_elements(By.TAG_NAME, "a"):
        box.send_keys(" ")
        WebDriverWait(browser, 5).until(lambda d: results.find_elements(By.TAG_NAME, "a"))
    assert browser.execute_script("return window.REX_SEARCH_FILES") == files
    browser.get_log("browser")


def test_search_never_inserts_markup(site, browser):
    browser.get((site / "procedures" / "aria-restore.html").as_uri())
    box = browser.find_element(By.CSS_SELECTOR, "[data-search-input]")
    box.send_keys("<img src=x onerror=alert(1)>")
    WebDriverWait(browser, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-search-results] li"))
    assert browser.find_elements(By.CSS_SELECTOR, "[data-search-results] img") == []
    assert browser.find_element(By.CSS_SELECTOR, "[data-search-results] li").text == "Aucun résultat"


def aria_version():
    """The shipped ARIA restore procedure's version, as written in its file."""
    text = (REPO / "procedures" / "aria-restore.yml").read_text(encoding="utf-8")
    return re.search(r"^version: (\d+)$", text, re.M).group(1)


def test_stale_copy_check_tells_current_from_stale(site, browser):
    revision = re.search(r'data-revision="([0-9a-f]{8})"',
                         (site / "procedures" / "aria-restore.html").read_text(encoding="utf-8")).group(1)
    browser.get((site / "index.html").as_uri())
    code = browser.find_element(By.CSS_SELECTOR, "[data-revision-input]")
    result = browser.find_element(By.CSS_SELECTOR, "[data-revision-result]")
    code.send_keys(revision.upper() + "\n")
    WebDriverWait(browser, 5).until(lambda d: result.get_attribute("data-result") == "current")
    assert "Restauration coordonnée de l'environnement ARIA" in result.text and f"v{aria_version()}" in result.text
    code.clear()
    code.send_keys("0badc0de\n")
    WebDriverWait(browser, 5).until(lambda d: result.get_attribute("data-result") == "stale")
    assert "PAS la version en vigueur" in result.text


def test_procedure_page_is_complete_with_javascript_off(site):
    driver = chromium(javascript=False)
    try:
        driver.get((site / "procedures" / "aria-restore.html").as_uri())
        main = driver.find_element(By.CSS_SELECTOR, "main[data-procedure=aria-restore]")
        assert main.get_attribute("data-version") == aria_version()
        text = main.text
        for expected in ["2.1", "Relever l’horodatage de la sauvegarde de la base de données ARIA retenue.",
                         "→ aller à 2.5", "FIN DE LA PROCÉDURE", "doit être égal à Sauvegarde base de données (2.1)"]:
            assert expected in text, expected
        steps = driver.find_elements(By.CSS_SELECTOR, "[data-step]")
        sections = (REPO / "procedures" / "aria-restore.yml").read_text(encoding="utf-8").split("\nsections:\n", 1)[1]
        assert len(steps) == len(re.findall(r"^      - id: ", sections, re.M))
        # The runner's controls stay hidden: nothing is offered that cannot work.
        assert not driver.find_element(By.CSS_SELECTOR, "[data-action=start]").is_displayed()
        assert driver.find_element(By.CSS_SELECTOR, ".noscript").is_displayed()
    finally:
        driver.quit()
