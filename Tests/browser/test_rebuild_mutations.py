"""Each field of the department's own handbook changed in turn, and the site rebuilt over the previous one: the
rebuild gives, byte for byte, the site a build from nothing gives, or refuses as that build refuses, with the same
diagnostics (issue 12: an incremental build's output is byte-identical to a full build's).

A rebuild renders a page again only when its key changed (`BuildKeys`): a document's own fields key its own pages,
the rest of it (its *catalog*: title, version, kind, status, …) keys every page. A field counted as a document's own
while another document's page shows it would leave that page stale after a rebuild — during an outage, a procedure
page showing what was true before the QA officer's correction. The Swift tests change a few chosen fields of a small
handbook; this test changes every field the department's handbook uses (its first and its last value, in each of
its files) in each way its type allows: a word added to a text, a number one more, a date one day later, a yes made
a no, the values before and after it in the schema's list for a field that has one, a list in brackets one item
shorter. A change a translation refuses alone (its version, its structure) is made to both languages at once. Each
change starts from the site of the handbook as shipped: after a change that built, the file is saved as it was and
the site rebuilt (and compared) again, so that undoing one change never hides what the next one leaves stale.

The rebuilds are new `rex build-site` processes, which take what they keep from the previous site's manifest and
stored loads; the build from nothing is made in an empty folder, without stored loads. A `--watch` session keys its
pages with the same `BuildKeys` (its own tests are in test_watch.py and the Swift tests).
"""
import datetime
import json
import re
import shutil
import subprocess
import zoneinfo

import yaml

from conftest import REX
from watch_helpers import shipped_handbook

# What every change the test makes is refused for: an id (a file is named after its id, and other files name it),
# a reference to one, the id of the procedure a translation translates, a value with a form of its own (any field
# of these names, anywhere); and the type of a reconciliation column (who re-entered and who verified are initials
# that must differ: `distinct_from` refuses any other type).
NEVER_BUILT = {"id", "translation_of", "goto", "log", "role", "because", "procedure", "must_match", "distinct_from",
               "requires_reconciled", "incidents", "scale", "phone"}
NEVER_BUILT_PATHS = ("reconcile/-/type",)
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
LEADING_NUMBER = re.compile(r"^\d+")  # `10 min`, `"1"`


def enums(schema):
    """Each field name with the lists of values a JSON Schema allows it (`status` may have one per kind of record)."""
    found = {}

    def walk(node, key):
        if isinstance(node, dict):
            if "enum" in node and key:
                found.setdefault(key, []).append(node["enum"])
            for name, value in node.items():
                walk(value, key if name in ("anyOf", "oneOf") else name)  # a property's schema is under its name
        elif isinstance(node, list):
            for value in node:
                walk(value, key)

    walk(schema, None)
    return found


def values(text):
    """Each key path of a YAML text (`sections/-/steps/-/do`) with its values, in the order they come: scalars, and
    lists in brackets (`incidents[]`)."""
    found = {}

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, path + [key.value])
        elif isinstance(node, yaml.SequenceNode):
            if node.flow_style and node.value:
                found.setdefault("/".join(path) + "[]", []).append(node)
            for value in node.value:
                walk(value, path + ["-"])
        elif node.value != "" and node.tag != "tag:yaml.org,2002:null":
            found.setdefault("/".join(path), []).append(node)

    walk(yaml.compose(text), [])
    return found


def changes(text, allowed):
    """(key path, which of its values: 0 or -1, how, the text changed) for the first and the last value of each key
    path of a YAML text, each changed in every way `change` knows for its type."""
    for path, nodes in values(text).items():
        for which in [0, -1] if len(nodes) > 1 else [0]:
            for how, changed in change(text, nodes[which], listed(allowed, path)):
                yield path, which, how, changed


def listed(allowed, path):
    """The lists of values the schema allows the field at `path` (`enums`)."""
    return allowed.get(path.rsplit("/", 1)[-1].removesuffix("[]"), [])


def change(text, node, lists):
    """(how, `text` with `node`'s value changed) for each way its type allows: a number one more (or a text's leading
    number), a day one later (a date, or a text that starts with one), a yes made a no, a listed value made the one
    before and the one after it, a list in brackets one item shorter; and a word added to any other text."""
    start, end = node.start_mark.index, node.end_mark.index

    def replaced(value):
        return text[:start] + value + text[end:]

    if isinstance(node, yaml.SequenceNode):
        yield "shorter", replaced("[" + ", ".join(text[item.start_mark.index:item.end_mark.index]
                                                  for item in node.value[:-1]) + "]")
        return
    kind, value = node.tag.rsplit(":", 1)[-1], node.value
    if kind == "int" and value.isdigit():
        yield "one more", replaced(str(int(value) + 1))
    elif kind == "bool":
        yield "flipped", replaced("false" if value.lower() in ("true", "yes", "on") else "true")
    elif ISO_DAY.match(value) and node.style is None:
        day = datetime.date.fromisoformat(value[:10]) + datetime.timedelta(days=1)
        yield "a day later", replaced(day.isoformat() + value[10:])
    elif (choices := next((choices for choices in lists if value in choices), None)) and node.style is None:
        place = choices.index(value)
        after, before = choices[(place + 1) % len(choices)], choices[place - 1]
        yield "the next value", replaced(after)
        if before != after:
            yield "the value before", replaced(before)
    elif (number := LEADING_NUMBER.match(value)) and text[start:end].strip("'\"") == value:
        inside = start + (node.style is not None)  # after the opening quote
        yield "one more", text[:inside] + str(int(number.group()) + 1) + text[inside + number.end():]
    else:
        if node.style in ('"', "'"):
            end -= 1  # before the closing quote
        elif node.style in ("|", ">"):
            end = start + len(text[start:end].rstrip())  # after the block's last word
        yield "a word more", text[:end] + " ZQX" + text[end:]


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
        before = files(self.site) if self.site.exists() else {}
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


def test_every_field_changed_in_turn_rebuilds_the_site_a_build_from_nothing_makes(tmp_path):
    rebuilds = Rebuilds(tmp_path)
    handbook = rebuilds.handbook
    schemas = tmp_path / "schema"
    subprocess.run([REX, "schema", "--root", str(handbook), "--out", str(schemas)], check=True, capture_output=True,
                   timeout=60)
    allowed = {folder: enums(json.loads((schemas / f"{schema}.schema.json").read_text(encoding="utf-8")))
               for folder, schema in [("procedures", "procedure"), ("incidents", "incident"), (".", "rex")]}
    allowed["."]["time_zone"] = [["Europe/Brussels", "Europe/Luxembourg"]]  # the same hours, another zone
    partners = translations(rebuilds.texts)
    tried, built = set(), set()
    for source, text in rebuilds.texts.items():
        name = source.relative_to(handbook)
        lists = allowed[str(name.parent)]
        for path, which, how, changed in changes(text, lists):
            what = f"{name}: {path} ({'first' if which == 0 else 'last'}, {how})"
            tried.add((name, path))
            ok = rebuilds.try_change({source: changed}, what)
            # A translation keeps its original's version, ids, fields and gates: a change refused in one language
            # alone is made in both.
            for partner in [] if ok else partners.get(source, []):
                theirs = rebuilds.texts[partner]
                nodes = values(theirs).get(path)
                other = dict(change(theirs, nodes[which], listed(lists, path))).get(how) if nodes else None
                if other is not None:
                    ok = rebuilds.try_change({source: changed, partner: other}, f"{what}, and in {partner.name}")
            if ok:
                built.add((name, path))
    assert rebuilds.differences == []
    # Every value the test changed had a change that builds, but for the fields no change of the test's can build.
    never = sorted(f"{name}: {path}" for name, path in tried - built
                   if not NEVER_BUILT & set(path.removesuffix("[]").split("/")) and not path.endswith(NEVER_BUILT_PATHS))
    assert never == [], f"{len(built)} of {len(tried)} key paths built; never: " + "; ".join(never)
