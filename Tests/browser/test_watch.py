"""`rex build-site --watch` as a QA officer uses it while editing: a save rebuilds what it changed and says how long
it took, a bad save publishes nothing and the watch goes on, Ctrl-C stops it. The benchmark reads the same
`Done in` line (`bench/bench.py`), so its form is pinned here. The handbook is the shipped one, with the built-in
templates (a template's edit is covered by the incremental builds' Swift tests) until a broken one is saved."""
import re
import shutil
import signal

import pytest

from watch_helpers import Watch, shipped_handbook

DONE = re.compile(r"^Done in \d+\.\d{3} s$")
REFUSED = re.compile(r"^Done in \d+\.\d{3} s \(site not built\)$")


def today(site):
    """The day the site was built for, as its manifest records it."""
    for line in (site / ".rex-manifest").read_text(encoding="utf-8").splitlines():
        if line.startswith("today\t"):
            return line.split("\t")[1]
    pytest.fail("the site's manifest records no day")


@pytest.fixture
def handbook(tmp_path):
    return shipped_handbook(tmp_path)


def test_a_save_rebuilds_what_it_changed_a_bad_save_publishes_nothing_and_ctrl_c_stops(handbook, tmp_path):
    site = tmp_path / "site"
    watch = Watch(handbook, site)
    try:
        first = watch.until(DONE.match)
        assert any(line.startswith("Built ") for line in first), first
        day = today(site)
        page = site / "procedures" / "rv-downtime.html"
        other = site / "incidents" / "rex-2020-03.html"
        other_before = other.stat()
        source = handbook / "procedures" / "rv-downtime.yml"
        text = source.read_text(encoding="utf-8")
        when = "\nwhen: >-\n  "
        assert when in text

        # A save: the procedure's page shows it, the incident's page is not written again.
        source.write_text(text.replace(when, when + "Révision du jour — ", 1), encoding="utf-8")
        rebuilt = watch.until(DONE.match)
        assert any(re.search(r"\] procedures/rv-downtime\.yml changed: rebuilding$", line) for line in rebuilt), rebuilt
        assert any(re.search(r"\(\d+ files, \d+ written\)", line) for line in rebuilt), rebuilt
        assert "Révision du jour — " in page.read_text(encoding="utf-8")
        after = other.stat()
        if today(site) == day:  # past midnight every page shows another day, and is written anew
            assert (after.st_ino, after.st_mtime_ns) == (other_before.st_ino, other_before.st_mtime_ns)

        # A bad save: a located error, the site as it was, and the watch goes on.
        source.write_text(text.replace(when, "\nwhen: [\n  ", 1), encoding="utf-8")
        refused = watch.until(lambda line: line.startswith("Done in "))
        assert REFUSED.match(refused[-1]), refused
        assert any(re.match(r"^procedures/rv-downtime\.yml:\d+:\d+: error: ", line) for line in refused), refused
        assert any(line.startswith("rex: site not built: fix the errors above;") for line in refused), refused
        assert "Révision du jour — " in page.read_text(encoding="utf-8")
        source.write_text(text, encoding="utf-8")
        restored = watch.until(DONE.match)
        assert any(line.startswith("Built ") for line in restored), restored
        assert "Révision du jour — " not in page.read_text(encoding="utf-8")

        # A template that does not parse: its located error, nothing published, and the watch goes on.
        published = (site / ".rex-manifest").stat()
        (handbook / "templates").mkdir()
        (handbook / "templates" / "foot.mustache").write_text("{{#unclosed}}\n", encoding="utf-8")
        broken = watch.until(lambda line: line.startswith("Done in "))
        assert REFUSED.match(broken[-1]), broken
        assert any(re.match(r"^rex: error: templates/foot\.mustache:\d+:\d+: error: ", line) for line in broken), broken
        unchanged = (site / ".rex-manifest").stat()
        assert (unchanged.st_ino, unchanged.st_mtime_ns) == (published.st_ino, published.st_mtime_ns)
        shutil.rmtree(handbook / "templates")
        assert any(line.startswith("Built ") for line in watch.until(DONE.match))
    finally:
        watch.process.send_signal(signal.SIGINT)
        try:
            code = watch.process.wait(timeout=30)
        finally:
            watch.process.kill()
            watch.process.wait()
    assert code == 130
    # Beside the site, its stored loads and the site the last rebuild replaced (README, "Incremental builds and
    # speed"), and no staging folder.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.rex-cache", ".site.rex-kept", "handbook", "site"]
