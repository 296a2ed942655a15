"""The board keeps its own record with the runner's storage guarantees: a reload resumes it, a load that sees an
empty storage (Chromium's file:// glitch) never writes over it, two tabs never both record, another tab's write
first is said plainly and keeps what was typed, and a storage that fails raises the banner."""
import json

from board_helpers import (BOARD_NAMESPACE, board_keys, board_message, board_rows, board_status, import_runs,
                           open_board, unit_statuses)
from runner_helpers import STORAGE_FULL, STORAGE_LOOKS_EMPTY


def readonly(browser):
    return bool(browser.qa("[data-run-readonly]"))


def test_a_second_tab_shows_the_board_read_only_until_it_takes_over(open_browser, runner_sites, department):
    site = runner_sites["shipped"]
    board = open_browser()
    open_board(board, site)
    first = board.driver.current_window_handle
    board.driver.switch_to.new_window("tab")
    board.open(site, "reconcile.html")
    board.settle()
    second = board.driver.current_window_handle
    assert readonly(board) and "LECTURE SEULE" in board.text("[data-run-readonly]")
    assert not board.q("input[data-import-runs]").is_enabled()

    board.driver.switch_to.window(first)
    import_runs(board, department["linac-1"])
    board.driver.switch_to.window(second)
    board.wait(lambda: unit_statuses(board).get("linac-1") == "imported", message="the read-only tab follows")

    board.click(board.q("[data-action=take-over]"))
    board.wait(lambda: not readonly(board))
    assert "Vous avez pris la main" in board_message(board)
    import_runs(board, department["linac-2"])
    board.driver.switch_to.window(first)
    board.wait(lambda: readonly(board), message="the first tab became read-only")
    board.wait(lambda: unit_statuses(board).get("linac-2") == "imported")
    stored = json.loads(board.js("return localStorage.getItem(arguments[0])", board_keys(board)[0]))
    assert [event["type"] for event in stored["events"]] == ["open", "import", "take-over", "import"]


def test_another_tabs_write_first_records_nothing_and_keeps_what_was_typed(open_browser, runner_sites, department):
    board = open_browser()
    open_board(board, runner_sites["shipped"])
    import_runs(board, department["halcyon-early"])
    [key] = board_rows(board)
    row = board.q(f'[data-board-row="{key}"]')
    board.set_value(board.q('[data-reconcile="reentered_by"]', row), "MN")
    board.set_value(board.q('[data-reconcile="verified_by"]', row), "OP")
    # Another tab (same workstation) writes the board between the typing and the click, without this tab hearing it.
    board.js("""
      const key = arguments[0], stored = JSON.parse(localStorage.getItem(key));
      stored.events.push({ seq: stored.events.length + 1, at: stored.events[0].at, by: "CO", type: "operator",
        from: "CO", to: "QR" });
      localStorage.setItem(key, JSON.stringify(stored));""", board_keys(board)[0])
    board.click(board.q("[data-action=reconcile-row]", row))
    board.wait(lambda: "NON ENREGISTRÉ" in board.text(f'[data-board-row="{key}"] [data-row-message]'))
    assert board_rows(board)[key] == "false" and "enregistrée" not in board.text("[data-board-rows]")
    row = board.q(f'[data-board-row="{key}"]')
    assert board.q('[data-reconcile="reentered_by"]', row).get_attribute("value") == "MN", "what was typed is kept"
    assert board.q('[data-reconcile="verified_by"]', row).get_attribute("value") == "OP"
    board.click(board.q("[data-action=reconcile-row]", row))
    board.wait(lambda: board_rows(board)[key] == "true")


def test_a_load_that_sees_an_empty_storage_never_overwrites_the_board(open_browser, runner_sites, department):
    site = runner_sites["shipped"]
    board = open_browser()
    open_board(board, site)
    import_runs(board, department["linac-1"])
    [key] = board_keys(board)
    text = board.js("return localStorage.getItem(arguments[0])", key)
    board.inject(STORAGE_LOOKS_EMPTY)
    for attempt in range(5):
        board.js("sessionStorage.removeItem(arguments[0]); sessionStorage.removeItem(arguments[1])",
                 BOARD_NAMESPACE + "retried", BOARD_NAMESPACE + "looked-again")
        board.reload()
        board.wait(lambda: "n'est pas visible" in board_message(board) and "Rechargez" in board_message(board))
        if board.js("return window.__rexReal(arguments[0])", key) is not None:
            break
        assert board.fresh_read([key])[key] is not None, "the board is lost: no fresh load sees it"
    assert board.js("return sessionStorage.getItem(arguments[0])", BOARD_NAMESPACE + "looked-again") == "3"
    assert board_status(board) == "not-started"
    # Opening a new outage now takes a second, deliberate click; the hidden board is never written over.
    board.set_value(board.q("[data-board-operator]"), "XY")
    board.click(board.q("[data-action=open-outage]"))
    board.wait(lambda: "Cliquez encore" in board_message(board))
    assert board_status(board) == "not-started"
    assert board.fresh_read([key])[key] == text
    board.js("window.__rexUnhide()")
    board.wait(lambda: board_status(board) == "open", message="the board is looked for again and resumed")
    assert "retrouvé" in board_message(board)
    assert unit_statuses(board)["linac-1"] == "imported"


def test_a_storage_that_fails_raises_the_banner_and_nothing_says_recorded(open_browser, runner_sites, department):
    board = open_browser(before_load=STORAGE_FULL)
    board.open(runner_sites["shipped"], "reconcile.html")
    board.settle()
    assert board.q("[data-storage-banner]").is_displayed()
    assert "N'EST PAS enregistré" in board.text("[data-storage-banner]")
    board.set_value(board.q("[data-board-operator]"), "CO")
    board.click(board.q("[data-action=open-outage]"))
    board.wait(lambda: board_status(board) == "open")
    assert "NON enregistré sur ce poste" in board_message(board)
    message = import_runs(board, department["linac-1"])
    assert "importé : TrueBeam 1" in message and "NON enregistré sur ce poste" in message
