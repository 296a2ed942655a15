#!/usr/bin/env python3
"""How often Chromium over file:// shows the runner an empty localStorage, and how often the runner's
spaced reloads bring the run back. Not a CI test: a measurement (DESIGN.md, "Facts checked").

    make build browser-deps
    Tests/browser/.venv/bin/python bench/storage-glitch.py [--loads 200] [--rex .build/debug/rex]

A run is started on the runner's test procedure; then the page is loaded LOADS times. With the default
pattern each measured load comes at once after a load that a script reloaded as soon as it started (what
the runner itself did before, and what glitched most); `--pattern settled` reloads after the page settled. For each load it records whether the
first page saw the run, how many further loads the runner made (spaced: 0.7 s, 2 s, 5 s), and whether it
ended with the run shown or with its "not visible" warning. The stored run is read back at the end: it
must be intact.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "Tests" / "browser"))
from runner_helpers import Browser, FIXTURE_PROCEDURE, IDENTIFY  # noqa: E402

NAMESPACE = "rex:manuel-de-test-du-deroule:runner-demo:"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=200)
    parser.add_argument("--rex", default=str(REPO / ".build" / "debug" / "rex"))
    parser.add_argument("--pattern", choices=["scripted", "settled", "typed"], default="scripted",
                        help="scripted: each measured load comes at once after a load that a script reloaded "
                             "(the old runner's pattern, which glitched most); settled: a plain reload; typed: a "
                             "reload at once after typing into a field (a draft written just before)")
    options = parser.parse_args()
    work = pathlib.Path(tempfile.mkdtemp(prefix="rex-glitch-"))
    site = work / "site"
    subprocess.run([options.rex, "build-site", "--root", str(REPO / "Tests" / "fixtures" / "runner-handbook"),
                    "--out", str(site)], check=True, capture_output=True)
    browser = Browser(profile=work / "profile", downloads=work / "downloads")
    try:
        browser.open_procedure(site, FIXTURE_PROCEDURE)
        browser.start("AB")
        browser.done("identify", IDENTIFY)
        [(key, text)] = browser.stored_runs().items()
        if options.pattern == "scripted":  # the page reloads itself as soon as it starts (window.name survives it)
            browser.inject("if (window.name === 'bench-reload') { window.name = 'bench-reloaded'; location.reload(); }"
                           " else if (window.name === 'bench-reloaded') { window.name = ''; }")
        first_glitch = recovered = unrecovered = extra_loads = 0
        started = time.monotonic()
        for index in range(options.loads):
            before = int(browser.js("return Number(sessionStorage.getItem(arguments[0])) || 0", NAMESPACE + "looked-again"))
            if options.pattern == "scripted":
                browser.js("window.name = 'bench-reload'")
            if options.pattern == "typed":
                browser.js("const input = document.querySelector('[data-step=db-point] [data-field=db_backup_at]');"
                           "input.value = '2025-03-04T21:' + String(arguments[0] % 60).padStart(2, '0');"
                           "input.dispatchEvent(new Event('input', {bubbles: true}));", index)
            browser.driver.refresh()
            if options.pattern == "scripted":  # wait for the page the script reloaded, not the first one
                browser.wait(lambda: browser.js("return window.name === '' && document.readyState === 'complete'"))
            browser.settle(timeout=30)
            after = int(browser.js("return Number(sessionStorage.getItem(arguments[0])) || 0", NAMESPACE + "looked-again"))
            shown = browser.status() == "in-progress"
            extra_loads += after - before
            if after > before:
                first_glitch += 1
                recovered += shown
            unrecovered += not shown
            if not shown:  # the warning: the operator would reload by hand; so does the bench
                browser.js("sessionStorage.removeItem(arguments[0])", NAMESPACE + "retried")
        elapsed = time.monotonic() - started
        intact = browser.fresh_read([key])[key] == text
    finally:
        browser.quit()
    loads = options.loads
    print(json.dumps({
        "pattern": options.pattern, "loads": loads, "first_load_saw_empty": first_glitch, "first_load_glitch_rate": round(first_glitch / loads, 4),
        "recovered_by_spaced_reloads": recovered, "warning_shown": unrecovered,
        "warning_rate": round(unrecovered / loads, 4), "extra_loads": extra_loads,
        "run_intact": intact, "seconds": round(elapsed, 1)}, indent=2))
    return 0 if intact else 1


if __name__ == "__main__":
    sys.exit(main())
