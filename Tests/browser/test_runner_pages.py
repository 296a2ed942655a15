"""Every page of both sites: strict CSP, no violation, no JavaScript error, no network; JS off still works."""
import pathlib

import pytest


def pages(site):
    return sorted(str(path.relative_to(site)) for path in pathlib.Path(site).rglob("*.html"))


@pytest.mark.parametrize("which", ["fixture", "shipped"])
def test_every_page_loads_offline_without_csp_violation_or_error(browser, runner_sites, which):
    site = runner_sites[which]
    assert any(page.startswith("procedures/") for page in pages(site))
    for page in pages(site):
        browser.open(site, page)
        csp = browser.js("const m = document.querySelector('meta[http-equiv=Content-Security-Policy]');"
                         "return m && m.content")
        assert csp and "default-src 'none'" in csp, page
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, page
        resources = browser.js("return performance.getEntriesByType('resource').map((r) => r.name)")
        assert all(name.startswith("file://") for name in resources), (page, resources)
        if page.startswith("procedures/"):
            browser.wait(lambda: "runner-on" in browser.q("html").get_attribute("class"))
            assert browser.q("[data-runner]").is_displayed()
            browser.start("AB")
        problems = browser.console_problems()
        assert not problems, (page, problems)


def test_with_javascript_off_a_procedure_page_is_complete_and_printable(open_browser, runner_sites):
    browser = open_browser(javascript=False)
    browser.open(runner_sites["shipped"], "procedures/aria-restore.html")
    assert "runner-on" not in (browser.q("html").get_attribute("class") or "")
    assert not browser.q("[data-runner]").is_displayed()
    steps = browser.qa("[data-step]")
    assert len(steps) == 25 and all(step.is_displayed() for step in steps)
    assert all(step.get_attribute("data-state") == "pending" for step in steps)
    assert not any(element.is_displayed() for element in browser.qa("[data-field], [data-action=done]"))
    assert browser.q('[data-step="fs-point"] .paper-blank').is_displayed()
    assert browser.q('[data-log="treatments"] thead').is_displayed()
    assert browser.q("noscript") is not None
