#!/usr/bin/env python3
"""How long pages of a built site take to load in Chromium from file://: the index, a procedure page and an
incident page, each loaded LOADS times, sites alternating, median of Navigation Timing's loadEventEnd (the page
and every script it loads at once have run). Then the search box is used once, and the time until the first
result shows is measured too. Not a CI test: a measurement (bench/run.sh --pages runs it on the 3 000-document
corpus).

    make browser-deps
    Tests/browser/.venv/bin/python bench/pageload.py LABEL=SITE [LABEL=SITE …] [--loads 7]
"""
import argparse
import pathlib
import statistics
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

PAGES = ["index.html", "procedures/proc-0001.html", "incidents/rex-0001.html"]


def chromium():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--user-data-dir={tempfile.mkdtemp(prefix='rex-pageload-')}"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)


def load_time(browser, url):
    browser.get(url)
    WebDriverWait(browser, 60).until(lambda d: d.execute_script(
        "var n = performance.getEntriesByType('navigation')[0]; return n && n.loadEventEnd > 0"))
    return browser.execute_script("return performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000


def search_time(browser, url):
    """Seconds from the first keystroke in the search box to the first result."""
    browser.get(url)
    WebDriverWait(browser, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
    box = browser.find_element(By.CSS_SELECTOR, "[data-search-input]")
    browser.execute_script("window.__start = performance.now()")
    box.send_keys("restauration")
    WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-search-results] a"))
    return browser.execute_script("return (performance.now() - window.__start) / 1000")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sites", nargs="+", help="LABEL=FOLDER")
    parser.add_argument("--loads", type=int, default=7)
    args = parser.parse_args()
    sites = [(label, pathlib.Path(folder).resolve()) for label, folder in (s.split("=", 1) for s in args.sites)]
    browser = chromium()
    try:
        times = {(label, page): [] for label, _ in sites for page in PAGES + ["search"]}
        for _ in range(args.loads):
            for label, site in sites:
                for page in PAGES:
                    times[(label, page)].append(load_time(browser, (site / page).as_uri()))
                times[(label, "search")].append(search_time(browser, (site / "procedures/proc-0001.html").as_uri()))
        print(f"page load in Chromium from file:// (loadEventEnd), median of {args.loads}, seconds:")
        print(f"  {'':12}" + "".join(f"{page:>28}" for page in PAGES + ["search → first result"]))
        for label, _ in sites:
            print(f"  {label:12}" + "".join(f"{statistics.median(times[(label, page)]):28.3f}"
                                            for page in PAGES + ["search"]))
    finally:
        browser.quit()


if __name__ == "__main__":
    sys.exit(main())
