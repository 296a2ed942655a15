"""A headless Chromium driving a Rex site over file://, with the runner's hooks as methods.

Everything goes through the test contract of DESIGN.md ("The step runner"): data-step/data-state,
data-field, data-action, data-goto, data-log/data-column/data-row, data-run-status,
data-pending-reconciliation and [role=alert]. No blind sleeps: every wait is a WebDriverWait.
"""
import json
import pathlib
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import (JavascriptException, NoSuchElementException,
                                        StaleElementReferenceException)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
# What a condition may meet while a page is being replaced; the wait just tries again.
PAGE_CHANGING = (NoSuchElementException, StaleElementReferenceException, JavascriptException)
CHROMEDRIVER = "/usr/bin/chromedriver"

# Makes every localStorage write fail as a full storage does (a CDP script is not subject to the page's CSP).
STORAGE_FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""

# Makes what localStorage held when the page loaded invisible to the page, as Chromium over file://
# sometimes does on a reload; keys written afterwards behave normally. `window.__rexUnhide()` ends
# the illusion; `window.__rexReal(key)` reads the real storage for the test.
STORAGE_LOOKS_EMPTY = """
(function () {
  var proto = Storage.prototype, real = { getItem: proto.getItem, key: proto.key,
    length: Object.getOwnPropertyDescriptor(proto, "length") };
  var store = window.localStorage, hidden = {}, hiding = true;
  for (var i = 0; i < real.length.get.call(store); i++) hidden[real.key.call(store, i)] = true;
  function visible(storage) {
    var keys = [];
    for (var i = 0; i < real.length.get.call(storage); i++) {
      var key = real.key.call(storage, i);
      if (!(hiding && hidden[key])) keys.push(key);
    }
    return keys;
  }
  window.__rexReal = function (key) { return real.getItem.call(store, key); };
  window.__rexUnhide = function () { hiding = false; };
  proto.getItem = function (key) { return hiding && hidden[key] ? null : real.getItem.call(this, key); };
  proto.key = function (index) { var keys = visible(this); return index < keys.length ? keys[index] : null; };
  Object.defineProperty(proto, "length", { configurable: true, get: function () { return visible(this).length; } });
})();
"""

SNAPSHOT = """
const text = (el) => (el ? el.textContent.replace(/\\s+/g, " ").trim() : null);
const value = (el) => (el.type === "checkbox" ? el.checked : el.value);
return {
  status: text(document.querySelector("[data-run-status]")),
  pending: text(document.querySelector("[data-pending-reconciliation]")),
  operator: document.querySelector("[data-run-operator]").value,
  drill: document.querySelector("[data-run-drill]").checked,
  summary: text(document.querySelector("[data-run-summary]")),
  steps: [...document.querySelectorAll("[data-step]")].map((step) => ({
    id: step.dataset.step, state: step.dataset.state,
    status: text(step.querySelector("[data-step-status]")),
    record: [...step.querySelectorAll("[data-step-record] li")].map(text),
    alert: text(step.querySelector("[data-step-message]")),
    fields: Object.fromEntries([...step.querySelectorAll("[data-field], [data-second-initials]")]
      .map((el) => [el.dataset.field || "second", value(el)])),
  })),
  logs: [...document.querySelectorAll("[data-log]")].map((log) => ({
    id: log.dataset.log,
    rows: [...log.querySelectorAll("[data-row]")].map((row) => ({
      row: row.dataset.row, reconciled: row.dataset.reconciled, voided: row.dataset.voided,
      cells: [...row.querySelectorAll("td:not(.row-actions)")].map(text),
    })),
    draft: Object.fromEntries([...log.querySelectorAll("[data-log-new] [data-column]")].map((el) => [el.dataset.column, el.value])),
  })),
};
"""


class Browser:
    def __init__(self, profile, downloads, javascript=True, before_load=None):
        profile = pathlib.Path(profile)
        self.downloads = pathlib.Path(downloads)
        profile.mkdir(parents=True, exist_ok=True)
        self.downloads.mkdir(parents=True, exist_ok=True)
        options = Options()
        options.binary_location = CHROMIUM
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         f"--user-data-dir={profile}", "--window-size=1280,1000", "--lang=fr-BE"):
            options.add_argument(argument)
        prefs = {"download.default_directory": str(self.downloads), "download.prompt_for_download": False,
                 "profile.default_content_setting_values.automatic_downloads": 1}
        if not javascript:
            prefs["profile.managed_default_content_settings.javascript"] = 2
        options.add_experimental_option("prefs", prefs)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        self.driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": str(self.downloads)})
        self.javascript = javascript
        self.entries = []
        self.scripts = []
        if before_load:
            self.inject(before_load)

    # ---------------------------------------------------------------- browser

    def inject(self, script):
        """Runs `script` before any page script of every later page load (CDP: not subject to the CSP)."""
        identifier = self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": script})["identifier"]
        self.scripts.append(identifier)
        return identifier

    def uninject(self, identifier):
        self.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": identifier})

    def reset(self, site):
        """Empties this profile's storage (every file:// page shares it), the downloads and the log."""
        self.neutral_page = (pathlib.Path(site) / "index.html").as_uri()
        self.driver.get(self.neutral_page)
        self.js("localStorage.clear(); sessionStorage.clear();")
        for path in self.downloads.iterdir():
            path.unlink()
        self.driver.get_log("browser")
        self.entries = []

    def quit(self):
        self.driver.quit()

    def log(self):
        self.entries += self.driver.get_log("browser")
        return self.entries

    def console_problems(self):
        return [f"{entry['level']}: {entry['message']}" for entry in self.log()
                if entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"]
                or "Refused to" in entry["message"]]

    def open(self, site, page):
        """Opens a page of a built site (`procedures/aria-restore.html`); waits for the runner if JS is on."""
        self.neutral_page = (pathlib.Path(site) / "index.html").as_uri()
        self.driver.get((pathlib.Path(site) / page).as_uri())
        if self.javascript:
            self.wait(lambda: self.js("return document.readyState") == "complete")
        return self

    def open_procedure(self, site, procedure):
        self.open(site, f"procedures/{procedure}.html")
        self.settle()
        return self

    def reload(self):
        self.driver.refresh()
        self.settle()

    def settle(self, timeout=20):
        """Waits until the runner is on and no longer loading the page again to find its run (the glitch)."""
        self.wait(lambda: self.js("const h = document.documentElement; return document.readyState === 'complete'"
                                  " && h.classList.contains('runner-on') && !h.hasAttribute('data-runner-looking')"),
                  timeout, "the runner did not settle")

    # ------------------------------------------------- glitch or loss (DESIGN.md)

    def fresh_read(self, keys, loads=6):
        """What localStorage holds for `keys`, read in a new tab of this profile (a fresh load, no injected
        script). Chromium over file:// sometimes shows an empty storage for a page's whole life while the data
        is intact: a key that reads empty is read again on later loads, spaced out. Only a key missing from
        every load is lost; a key seen once is there."""
        keys = list(keys)
        found = {}
        page = self.driver.current_window_handle
        self.driver.switch_to.new_window("tab")
        try:
            for attempt in range(loads):
                self.driver.get(self.neutral_page)
                found.update({key: value for key, value in self.js(
                    "return Object.fromEntries(arguments[0].map((k) => [k, localStorage.getItem(k)]))", keys).items()
                    if value is not None})
                if len(found) == len(keys):
                    break
                time.sleep(0.3 * (attempt + 1))
        finally:
            self.driver.close()
            self.driver.switch_to.window(page)
        return {key: found.get(key) for key in keys}

    def reload_until_visible(self, keys, loads=6):
        """Reloads until this page sees every key in `keys`; a key no fresh load sees either is a real loss."""
        for attempt in range(loads):
            self.reload()
            visible = self.js("return arguments[0].every((k) => localStorage.getItem(k) !== null)", list(keys))
            if visible:
                return
            lost = [key for key, value in self.fresh_read(keys).items() if value is None]
            assert not lost, f"stored runs lost (no fresh load sees them): {lost}"
            time.sleep(0.5 * (attempt + 1))  # a glitch: the data is there; load this page again
        raise AssertionError(f"this page never saw {keys} in {loads} loads, though fresh loads do")

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def wait(self, condition, timeout=10, message=""):
        return WebDriverWait(self.driver, timeout, poll_frequency=0.05, ignored_exceptions=PAGE_CHANGING).until(
            lambda driver: condition(), message)

    def q(self, css, root=None):
        return (root or self.driver).find_element(By.CSS_SELECTOR, css)

    def qa(self, css, root=None):
        return (root or self.driver).find_elements(By.CSS_SELECTOR, css)

    def click(self, element):
        element.click()  # WebDriver scrolls it into view and fails if something covers it

    def set_value(self, element, value):
        """Types a value as a user would; date/time inputs (locale-dependent typing) are set and dispatched."""
        kind = (element.get_attribute("type") or "").lower()
        if element.tag_name == "select":
            Select(element).select_by_visible_text(value)
        elif kind == "checkbox":
            if element.is_selected() != bool(value):
                self.click(element)
        elif kind in ("datetime-local", "date", "time"):
            self.js("arguments[0].value = arguments[1];"
                    "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                    "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", element, value)
        else:  # select what is there and type over it, as a user would (one WebDriver call)
            element.send_keys(Keys.CONTROL, "a", Keys.NULL, str(value) if value != "" else Keys.DELETE)

    # ------------------------------------------------------------------ runner

    def text(self, css):
        """The textContent of the first element matching `css` (one WebDriver call)."""
        return self.js("const e = document.querySelector(arguments[0]);"
                       "if (!e) throw new Error('no element ' + arguments[0]); return e.textContent;", css)

    def status(self):
        return self.text("[data-run-status]").strip()

    def pending(self):
        return int(self.text("[data-pending-reconciliation]").strip())

    def run_message(self):
        return self.text("[data-run-message]")

    def start(self, initials, drill=False, unit=None):
        """Starts a run; when the handbook declares units, on `unit` (an id), or else the first one."""
        self.set_value(self.q("input[data-run-operator]"), initials)
        units = self.qa("select[data-run-unit]")
        if units:
            Select(units[0]).select_by_value(unit or Select(units[0]).options[1].get_attribute("value"))
        if drill:
            self.set_value(self.q("[data-run-drill]"), True)
        self.click(self.q("[data-action=start]"))
        self.wait(lambda: self.status() == "in-progress", message="run did not start")

    def change_operator(self, initials):
        self.set_value(self.q("input[data-run-operator]"), initials)
        self.click(self.q("[data-action=change-operator]"))
        self.wait(lambda: initials in self.run_message())

    def step(self, step):
        return self.q(f'[data-step="{step}"]')

    def state(self, step):
        return self.js("return document.querySelector(`[data-step=\"${arguments[0]}\"]`).dataset.state", step)

    def wait_state(self, step, state):
        self.wait(lambda: self.state(step) == state, message=f"{step} is {self.state(step)}, expected {state}")

    def alert(self, step):
        return self.text(f'[data-step="{step}"] [data-step-message]')

    def record(self, step):
        return self.js("return [...document.querySelectorAll(arguments[0])].map((li) => li.textContent)",
                       f'[data-step="{step}"] [data-step-record] li')

    def fill(self, step, values):
        for field, value in values.items():
            self.set_value(self.q(f'[data-step="{step}"] [data-field="{field}"]'), value)

    def second(self, step, initials):
        self.set_value(self.q(f'[data-step="{step}"] input[data-second-initials]'), initials)

    def done(self, step, values=None, second=None, expect="done"):
        """Fills and completes a step; waits until it is `expect` (use expect=None when a refusal is expected)."""
        if values:
            self.fill(step, values)
        if second is not None:
            self.second(step, second)
        self.click(self.q(f'[data-step="{step}"] [data-action=done]'))
        if expect:
            self.wait_state(step, expect)
        else:
            self.wait(lambda: self.alert(step).strip() != "", message=f"{step}: no alert")

    def choose(self, step, target):
        self.click(self.q(f'[data-step="{step}"] [data-goto="{target}"]'))
        self.wait_state(step, "done")

    def override(self, step, reason):
        self.set_value(self.q(f'[data-step="{step}"] textarea[data-override-reason]'), reason)
        self.click(self.q(f'[data-step="{step}"] [data-action=override]'))

    # -------------------------------------------------------------------- logs

    def log_message(self, log):
        return self.text(f'[data-log="{log}"] [data-log-message]')

    def rows(self, log):
        return self.qa(f'[data-log="{log}"] [data-row]')

    def row(self, log, number):
        return self.q(f'[data-log="{log}"] [data-row="{number}"]')

    def add_row(self, log, values, expect_added=True):
        count = len(self.rows(log))
        for column, value in values.items():
            self.set_value(self.q(f'[data-log="{log}"] [data-log-new] [data-column="{column}"]'), value)
        self.click(self.q(f'[data-log="{log}"] [data-action=add-row]'))
        if expect_added:
            self.wait(lambda: len(self.rows(log)) == count + 1, message=f"row not added: {self.log_message(log)}")
        else:
            self.wait(lambda: self.log_message(log).strip() != "", message="no refusal shown")

    def reconcile(self, log, number, values):
        row = self.row(log, number)
        for column, value in values.items():
            self.set_value(self.q(f'[data-reconcile="{column}"]', row), value)
        self.click(self.q("[data-action=reconcile-row]", row))

    def void(self, log, number, reason):
        row = self.row(log, number)
        self.set_value(self.q("[data-void-reason]", row), reason)
        self.click(self.q("[data-action=void-row]", row))
        self.wait(lambda: self.row(log, number).get_attribute("data-voided") == "true")

    # ------------------------------------------------------------------ state

    def snapshot(self):
        """What the page shows of the run (every step, value, record line and log row), elapsed time aside."""
        return self.js(SNAPSHOT)

    def stored_runs(self, real=False):
        getter = "window.__rexReal(k)" if real else "localStorage.getItem(k)"
        return self.js("const out = {}; const n = localStorage.length;"
                       "for (let i = 0; i < n; i++) { const k = localStorage.key(i);"
                       f" if (k && k.includes(':run:')) out[k] = {getter}; }}"
                       "return out;")

    def downloaded(self, suffix, timeout=10):
        """The path of the one downloaded file ending with `suffix`, once complete."""
        def ready():
            found = [path for path in self.downloads.iterdir() if path.name.endswith(suffix)]
            partial = [path for path in self.downloads.iterdir() if path.name.endswith(".crdownload")]
            return found[0] if len(found) == 1 and not partial and found[0].stat().st_size > 0 else None
        return self.wait(ready, timeout, f"no {suffix} download in {self.downloads}")

    def export_json(self):
        for old in self.downloads.glob("*.json"):
            old.unlink()
        self.click(self.q("[data-action=export-json]"))
        path = self.downloaded(".json")
        return path, json.loads(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------- the fixture procedure

FIXTURE_PROCEDURE = "runner-demo"
IDENTIFY = {"station": "Console 1", "patients_today": "12", "linac": "Linac 1", "printed": True,
            "printed_on": "2025-03-04", "printed_at": "08:15"}
BACKUP_AT = "2025-03-04T21:00"
SESSIONS = [
    {"patient": "P-001", "fraction": "3", "energy": "6 MV", "delivered_at": "2025-03-05T08:30", "by": "CD"},
    {"patient": "P-002", "fraction": "12", "energy": "10 MV", "delivered_at": "2025-03-05T08:50", "by": "CD",
     "comment": "boost reporté"},
    {"patient": "P-003", "fraction": "1", "energy": "18 MV", "delivered_at": "2025-03-05T09:10", "by": "EF"},
]


def run_to_logging(browser, site, operator="AB", drill=False):
    """Opens the fixture procedure, starts a run and goes through steps 1.1–1.4 (same backup points, "Oui")."""
    browser.open_procedure(site, FIXTURE_PROCEDURE)
    browser.start(operator, drill=drill)
    browser.done("identify", IDENTIFY)
    browser.done("db-point", {"db_backup_at": BACKUP_AT})
    browser.done("fs-point", {"fs_backup_at": BACKUP_AT})
    browser.choose("route", "log-sessions")
    browser.wait_state("log-sessions", "current")
