"""Two builds of one site at once, as a department meets them: a QA officer's `rex build-site --watch` still running
while a colleague builds the same folder by hand, or two terminals started together. Each build puts its site
together on its own (`.site.building-PID`) and swaps it in whole, and a build takes the previous site's files only
where they are still the ones its manifest records, so the site is always one build's site whole, never a mix of
two (a console printing a checklist from it would otherwise print one version's steps under another's revision
code), and nothing is left beside it once both are done (issue 12: atomic, nothing left behind)."""
import filecmp
import random
import shutil
import subprocess
import time

import pytest

from conftest import REPO, REX
from watch_helpers import Watch, shipped_handbook

PROCEDURE = "procedures/rv-downtime.yml"
INCIDENT = "incidents/rex-2020-03.yml"
OTHER = "procedures/aria-restore.yml"
WHEN = "\nwhen: >-\n  "


def files(site):
    """The site's files by path, the manifest aside (it records times and inodes, which differ between builds)."""
    return sorted(str(path.relative_to(site)) for path in site.rglob("*") if path.is_file() and path.name != ".rex-manifest")


def differences(site, reference):
    """The paths whose presence or bytes differ between two sites."""
    mine, theirs = files(site), files(reference)
    if mine != theirs:
        return sorted(set(mine) ^ set(theirs))
    return [path for path in mine if not filecmp.cmp(site / path, reference / path, shallow=False)]


def leftovers(site):
    """What a build left beside the site that only a running build may have: staging folders, an unfinished cache."""
    prefixes = (f".{site.name}.building-", f".{site.name}.previous-")
    return sorted(entry.name for entry in site.parent.iterdir()
                  if entry.name.startswith(prefixes) or (entry.name.startswith(f".{site.name}.rex-cache.")
                                                         and entry.name.endswith(".new")))


def build(root, out):
    result = subprocess.run([REX, "build-site", "--root", str(root), "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, f"rex build-site --root {root} failed:\n{result.stdout}\n{result.stderr}"


def edit(handbook, text, name=PROCEDURE, marker=WHEN):
    """The shipped file `name` in `handbook` with `text` at the start of what follows `marker`."""
    original = (REPO / name).read_text(encoding="utf-8")
    assert marker in original, f"{name} has no {marker!r}"
    (handbook / name).write_text(original.replace(marker, marker + text + " — ", 1), encoding="utf-8")


def label(handbook, text):
    """`text` at the start of rv-downtime's `when` and of an incident's synopsis: two labels differ in a procedure's
    page, its checklist, the binder, the search data and an incident's page."""
    edit(handbook, text)
    edit(handbook, text, INCIDENT, "\nsynopsis: >-\n  ")


@pytest.fixture
def handbooks(tmp_path):
    """Two copies of the shipped handbook, "A" and "B"."""
    roots = {}
    for name in "AB":
        (tmp_path / name).mkdir()
        roots[name] = shipped_handbook(tmp_path / name)
    return roots


def reference(root, folder):
    """The site a build from nothing gives for the handbook at `root` as it is now, in a new `folder`: made after the
    builds it is compared with, so that they show the same day."""
    shutil.rmtree(folder, ignore_errors=True)
    build(root, folder)
    return folder


def test_two_builds_at_once_leave_one_of_their_sites_whole_and_nothing_beside_it(handbooks, tmp_path):
    """Each round starts from A's site. A then changes another procedure, so that its build writes that one's files
    and keeps the labelled ones from the site, while B's build, started with it, writes its own labelled files and may
    swap them in first: A must then not take B's files for its own. Most rounds must have the builds overlap."""
    roots = handbooks
    site = tmp_path / "sites" / "site"
    label(roots["A"], "Version A")
    chance = random.Random(12)
    overlapped = 0
    for round_number in range(24):
        build(roots["A"], site)
        edit(roots["A"], f"Round {round_number}", OTHER)
        label(roots["B"], f"Version B{round_number}")
        first, second = chance.sample("AB", 2)
        started = []
        try:
            for name in (first, second):
                started.append(subprocess.Popen([REX, "build-site", "--root", str(roots[name]), "--out", str(site)],
                                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
                time.sleep(chance.random() * 0.05 if len(started) == 1 else 0)
            overlapped += started[0].poll() is None
            for name, process in zip((first, second), started):
                out, err = process.communicate(timeout=120)
                assert process.returncode == 0, f"round {round_number}: the build of {name} failed:\n{out}\n{err}"
        finally:
            for process in started:
                process.kill()
                process.wait()
        mixes = {name: differences(site, reference(roots[name], tmp_path / "references" / name)) for name in "AB"}
        assert not all(mixes.values()), (f"round {round_number} ({first} then {second}): the site is neither build's "
                                         f"site whole: {mixes}")
        assert leftovers(site) == [], f"round {round_number}: left beside the site: {leftovers(site)}"
    assert overlapped >= 12, f"the builds overlapped in {overlapped} rounds of 24 only"


def test_a_watch_rebuilds_its_own_handbook_after_another_build_replaced_its_site(handbooks, tmp_path):
    roots = handbooks
    site, references = tmp_path / "sites" / "site", tmp_path / "references"
    label(roots["A"], "Version A0")
    watch = Watch(roots["A"], site)
    try:
        watch.until(lambda line: line.startswith("Done in "))
        assert differences(site, reference(roots["A"], references / "A")) == []
        for round_number in range(4):
            label(roots["B"], f"Version B{round_number}")
            build(roots["B"], site)
            assert differences(site, reference(roots["B"], references / "B")) == []
            label(roots["A"], f"Version A{round_number + 1}")
            seen = watch.until(lambda line: line.startswith("Done in "))
            assert any("changed: rebuilding" in line for line in seen), seen
            assert differences(site, reference(roots["A"], references / "A")) == [], f"round {round_number}: {seen}"
            assert leftovers(site) == []
    finally:
        watch.process.terminate()
        watch.process.wait(timeout=30)
