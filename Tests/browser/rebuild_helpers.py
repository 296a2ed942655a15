"""The shipped handbook's site rebuilt after a change and compared with a build from nothing: shared by the tests
that change each value (test_rebuild_mutations.py) and each list and unused field (test_rebuild_structure.py) of the
department's handbook in turn."""
import datetime
import json
import shutil
import subprocess
import zoneinfo

import yaml

from conftest import REX
from watch_helpers import shipped_handbook


def builds(handbook, *outputs):
    """`rex build-site` into each of `outputs`, all at once: for each, its exit code and what it said, the output
    folder's name and the summary (which counts the files written, more from nothing than in a rebuild) aside."""
    processes = [subprocess.Popen([REX, "build-site", "--root", str(handbook), "--out", str(out)], text=True,
                                  encoding="utf-8", stdout=subprocess.PIPE, stderr=subprocess.PIPE) for out in outputs]
    try:
        results = []
        for process, out in zip(processes, outputs):
            stdout, stderr = process.communicate(timeout=120)
            said = [line.replace(str(out), "<out>") for line in stdout.splitlines()
                    if not line.startswith(("Built ", "Open file://"))]
            results.append((process.returncode, said, stderr.replace(str(out), "<out>")))
        return results
    finally:
        for process in processes:  # a build that hangs is stopped, not left running
            if process.poll() is None:
                process.kill()
                process.wait()


def files(site):
    """Every file of a site by path (its manifest included), and every folder."""
    return {str(path.relative_to(site)): path.read_bytes() if path.is_file() else None for path in site.rglob("*")}


def stale(ours, theirs):
    return sorted(path for path in ours.keys() | theirs.keys() if path != ".rex-manifest" and ours.get(path) != theirs.get(path))


class AnotherDay(Exception):
    """The day changed during a comparison: a page shows the day, so both builds must have seen the same one."""


class Rebuilds:
    """The shipped handbook's site, rebuilt after each change and compared with a build from nothing."""

    def __init__(self, tmp_path):
        self.folder = tmp_path
        self.handbook = shipped_handbook(tmp_path)
        self.site = tmp_path / "site"
        sources = [self.handbook / "rex.yml"] + sorted(self.handbook.glob("procedures/*.yml")) \
            + sorted(self.handbook.glob("incidents/*.yml"))
        self.texts = {path: path.read_text(encoding="utf-8") for path in sources}  # each source as shipped, in order
        self.zone = zoneinfo.ZoneInfo(yaml.safe_load(self.texts[self.handbook / "rex.yml"])["time_zone"])
        self.partners = translations(self.texts)
        self.differences = []
        self.build_as_shipped()

    def build_as_shipped(self):
        """The site of the handbook as shipped, from nothing; `shipped` is what a build from nothing made of it."""
        while True:
            shutil.rmtree(self.site, ignore_errors=True)
            try:
                self.shipped = self.compare("the handbook as shipped")
                assert self.shipped, self.differences
                return
            except AnotherDay:
                pass

    def schemas(self):
        """`rex schema`'s JSON Schema of each kind of file (procedure, incident, rex), for the handbook."""
        folder = self.folder / "schema"
        subprocess.run([REX, "schema", "--root", str(self.handbook), "--out", str(folder)], check=True,
                       capture_output=True, timeout=60)
        return {kind: json.loads((folder / f"{kind}.schema.json").read_text(encoding="utf-8"))
                for kind in ["procedure", "incident", "rex"]}

    def try_change_translated(self, source, changed, what, same_change):
        """`try_change` of `source` alone; when refused, the change made to both languages at once for each of its
        translations or originals (a translation keeps its original's version, ids, fields, gates and structure).
        `same_change`: a partner's text changed the same way, or None where it cannot be. True when a change built."""
        ok = self.try_change({source: changed}, what)
        for partner in [] if ok else self.partners.get(source, []):
            other = same_change(self.texts[partner])
            if other is not None:
                ok = self.try_change({source: changed, partner: other}, f"{what}, and in {partner.name}")
        return ok

    def try_change(self, edits, what):
        """Saves `edits` (texts by path), rebuilds and compares; after a change that built, saves the files as they
        were and rebuilds again, so that each change is made from the site of the handbook as shipped. True when the
        change built. On another day, the site is made again for that day and the change made again."""
        while True:
            try:
                for path, text in edits.items():
                    path.write_text(text, encoding="utf-8")
                made = self.compare(what)
                break
            except AnotherDay:
                pass
            finally:
                for path in edits:
                    path.write_text(self.texts[path], encoding="utf-8")
            self.build_as_shipped()
        if made:
            self.rebuild_as_shipped(what + ", undone")
        return made is not None

    def compare(self, what):
        """Rebuilds the site and builds from nothing beside it (both at once), and records how they differ. When the
        rebuild built what the build from nothing did: the day, that build's files and what it said; else None."""
        day = self.today()
        fresh = self.folder / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        for stored in self.folder.glob(".fresh.rex-cache*"):  # a build from nothing takes no stored load either
            stored.unlink()
        shutil.rmtree(self.folder / ".fresh.rex-kept", ignore_errors=True)  # nor the site its last build replaced
        before = files(self.site) if self.site.exists() else {}
        if before and ".rex-manifest" not in before:  # the rebuild would make every page: it could show nothing stale
            self.differences.append(f"{what}: the site to rebuild has no manifest")
        rebuilt, built = builds(self.handbook, self.site, fresh)
        if self.today() != day:
            raise AnotherDay
        if rebuilt != built:
            self.differences.append(f"{what}: the rebuild gave {rebuilt}, a build from nothing {built}")
        elif rebuilt[0] != 0:
            if files(self.site) != before:
                self.differences.append(f"{what}: a refused rebuild changed the site")
        elif differ := stale(files(self.site), made := files(fresh)):
            self.differences.append(f"{what}: {differ} differ from a build from nothing")
        else:
            return day, made, built
        return None

    def rebuild_as_shipped(self, what):
        """Rebuilds the site of the handbook as shipped, compared with the build from nothing made of it before."""
        day, shipped, said = self.shipped
        [rebuilt] = builds(self.handbook, self.site)
        if self.today() != day:
            self.build_as_shipped()
        elif rebuilt != said:
            self.differences.append(f"{what}: the rebuild gave {rebuilt}, a build from nothing {said}")
        elif differ := stale(files(self.site), shipped):
            self.differences.append(f"{what}: {differ} differ from a build from nothing")

    def today(self):
        return datetime.datetime.now(self.zone).date()


def paths_and_nodes(text):
    """Every node of a YAML text with its key path (`sections/-/steps/-/do`; the whole text's is ""), in the order
    they come."""
    def walk(node, path):
        yield "/".join(path), node
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                yield from walk(value, path + [key.value])
        elif isinstance(node, yaml.SequenceNode):
            for value in node.value:
                yield from walk(value, path + ["-"])

    return walk(yaml.compose(text), [])


def translations(texts):
    """Each procedure's file with the files of its translations, and each translation's with its original's (`texts`:
    each file's text, by path)."""
    procedures = {path: yaml.safe_load(text) for path, text in texts.items() if path.parent.name == "procedures"}
    by_id = {procedure["id"]: path for path, procedure in procedures.items() if "id" in procedure}
    partners = {}
    for path, procedure in procedures.items():
        if (original := by_id.get(procedure.get("translation_of"))) is not None:
            partners.setdefault(path, []).append(original)
            partners.setdefault(original, []).append(path)
    return partners
