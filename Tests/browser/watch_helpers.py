"""`rex build-site --watch` run as a QA officer runs it, and a copy of the shipped handbook to build: shared by the
tests of the watch (test_watch.py), of a file system with whole-second times (test_coarse_times.py) and of rebuilds
after each change (rebuild_helpers.py)."""
import queue
import shutil
import subprocess
import threading

import pytest

from conftest import REPO, REX


def shipped_handbook(folder):
    """A copy of the shipped handbook (built-in templates) in `folder`/handbook."""
    handbook = folder / "handbook"
    handbook.mkdir()
    shutil.copy(REPO / "rex.yml", handbook / "rex.yml")
    for name in ["procedures", "incidents"]:
        shutil.copytree(REPO / name, handbook / name)
    return handbook


class Watch:
    """A running `rex build-site --watch`, its output read line by line as it comes."""

    def __init__(self, root, out):
        self.process = subprocess.Popen([REX, "build-site", "--watch", "--root", str(root), "--out", str(out)],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def until(self, done, within=60):
        """The lines up to and including the first for which `done` is true (`within` seconds at most for each)."""
        seen = []
        while True:
            try:
                line = self.lines.get(timeout=within)
            except queue.Empty:
                pytest.fail(f"no line the test waits for within {within} s; seen: {seen}")
            assert line is not None, f"rex build-site --watch stopped; its output: {seen}"
            seen.append(line)
            if done(line):
                return seen
