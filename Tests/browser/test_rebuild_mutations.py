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
import shutil
import subprocess
import zoneinfo

import yaml

from watch_helpers import REX, shipped_handbook

# Fields whose every change is refused: an id (a file is named after its id, and other files name it) and the id of
# the procedure a translation translates.
NEVER_BUILT = {"id", "translation_of"}


def enums(schemas):
    """Each field name with the lists of values the schema allows it (`status` has one per kind of record)."""
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

    for schema in schemas:
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
            for how, changed in change(text, nodes[which], allowed.get(path.rsplit("/", 1)[-1].removesuffix("[]"), [])):
                yield path, which, how, changed


def change(text, node, lists):
    """(how, `text` with `node`'s value changed) for each way its type allows: a word added to a text, a number one
    more, a date a day later, a yes made a no, a listed value made the one before and the one after it, a list in
    brackets one item shorter."""
    start, end = node.start_mark.index, node.end_mark.index

    def replaced(value):
        return text[:start] + value + text[end:]

    kind = node.tag.rsplit(":", 1)[-1]
    if isinstance(node, yaml.SequenceNode):
        yield "shorter", replaced("[" + ", ".join(text[item.start_mark.index:item.end_mark.index]
                                                  for item in node.value[:-1]) + "]")
    elif kind == "int":
        yield "one more", replaced(str(int(node.value) + 1))
    elif kind == "bool":
        yield "flipped", replaced("false" if node.value.lower() == "true" else "true")
    elif kind == "timestamp":
        yield "a day later", replaced((datetime.date.fromisoformat(node.value) + datetime.timedelta(days=1)).isoformat())
    elif kind == "str":
        values = next((values for values in lists if node.value in values), None)
        if values and node.style is None:
            place = values.index(node.value)
            after, before = values[(place + 1) % len(values)], values[place - 1]
            yield "the next value", replaced(after)
            if before != after:
                yield "the value before", replaced(before)
            return
        if node.style in ('"', "'"):
            end -= 1  # before the closing quote
        elif node.style in ("|", ">"):
            end = start + len(text[start:end].rstrip())  # after the block's last word
        yield "a word more", text[:end] + " ZQX" + text[end:]


def build(handbook, out):
    return subprocess.Popen([REX, "build-site", "--root", str(handbook), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def outcome(process, out):
    """The exit code and what the build said, the output folder's name and the summary's count of files written
    (which differs between a rebuild and a full build) aside."""
    stdout, stderr = process.communicate(timeout=120)
    said = [line for line in stdout.splitlines() if not line.startswith(("Built ", "Open file://"))]
    return process.returncode, said, stderr.replace(str(out), "<out>")


def files(site):
    """Every file of a site by path, its manifest included."""
    return {str(path.relative_to(site)): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def stale(ours, theirs):
    return sorted(path for path in ours.keys() | theirs.keys() if path != ".rex-manifest" and ours.get(path) != theirs.get(path))


class Rebuilds:
    """The shipped handbook's site, rebuilt after each change and compared with a build from nothing."""

    def __init__(self, tmp_path):
        self.folder = tmp_path
        self.handbook = shipped_handbook(tmp_path)
        self.site = tmp_path / "site"
        settings = yaml.safe_load((self.handbook / "rex.yml").read_text(encoding="utf-8"))
        self.zone = zoneinfo.ZoneInfo(settings["time_zone"])
        self.texts = {path: path.read_text(encoding="utf-8") for path in self.sources()}
        self.differences = []
        self.original = None  # (day, files, diagnostics) of a build from nothing of the handbook as shipped
        assert self.build_both("the handbook as shipped") == "built"

    def sources(self):
        handbook = self.handbook
        return [handbook / "rex.yml"] + sorted(handbook.glob("procedures/*.yml")) + sorted(handbook.glob("incidents/*.yml"))

    def try_change(self, edits, what):
        """Saves `edits` (texts by path), rebuilds and compares; after a change that built, saves the files as they
        were and rebuilds again, so that each change is made from the site of the handbook as shipped. True when the
        change built."""
        for path, text in edits.items():
            path.write_text(text, encoding="utf-8")
        result = self.build_both(what)
        for path in edits:
            path.write_text(self.texts[path], encoding="utf-8")
        if result == "built":
            self.rebuild_as_shipped(what)
        return result == "built"

    def build_both(self, what):
        """Rebuilds the site, builds from nothing beside it (both at once), and records how they differ."""
        while True:
            day = self.today()  # a page shows the day: both builds must see the same
            fresh = self.folder / "fresh"
            shutil.rmtree(fresh, ignore_errors=True)
            for stored in self.folder.glob(".fresh.rex-cache*"):  # a build from nothing takes no stored load either
                stored.unlink()
            before = files(self.site) if self.site.exists() else {}
            rebuilding, building = build(self.handbook, self.site), build(self.handbook, fresh)
            rebuilt, built = outcome(rebuilding, self.site), outcome(building, fresh)
            if self.today() == day:
                break
        if rebuilt != built:
            self.differences.append(f"{what}: the rebuild gave {rebuilt}, a build from nothing {built}")
        elif rebuilt[0] != 0:
            if files(self.site) != before:
                self.differences.append(f"{what}: a refused rebuild changed the site")
        elif differ := stale(files(self.site), files(fresh)):
            self.differences.append(f"{what}: {differ} differ from a build from nothing")
        else:
            if all(text == path.read_text(encoding="utf-8") for path, text in self.texts.items()):
                self.original = (day, files(fresh), built[1])
            return "built"
        return "refused" if rebuilt[0] != 0 else "differs"

    def rebuild_as_shipped(self, what):
        """Rebuilds the site of the handbook as shipped, compared with the build from nothing made of it before
        (another one on another day)."""
        what += ", undone"
        day, shipped, diagnostics = self.original
        code, said, _ = outcome(build(self.handbook, self.site), self.site)
        if self.today() != day:
            self.build_both(what)
        elif (code, said) != (0, diagnostics):
            self.differences.append(f"{what}: the rebuild gave {code}, {said}")
        elif differ := stale(files(self.site), shipped):
            self.differences.append(f"{what}: {differ} differ from a build from nothing")

    def today(self):
        return datetime.datetime.now(self.zone).date()


def translations(sources):
    """Each translated procedure's file with its translation's, both ways."""
    by_id = {yaml.safe_load(path.read_text(encoding="utf-8")).get("id"): path for path in sources}
    pairs = {}
    for path in sources:
        original = by_id.get(yaml.safe_load(path.read_text(encoding="utf-8")).get("translation_of"))
        if original:
            pairs[path], pairs[original] = original, path
    return pairs


def test_every_field_changed_in_turn_rebuilds_the_site_a_build_from_nothing_makes(tmp_path):
    rebuilds = Rebuilds(tmp_path)
    handbook, sources = rebuilds.handbook, rebuilds.sources()
    schema = tmp_path / "schema"
    subprocess.run([REX, "schema", "--root", str(handbook), "--out", str(schema)], check=True, capture_output=True)
    allowed = enums(json.loads(path.read_text(encoding="utf-8")) for path in schema.glob("*.json"))
    allowed["time_zone"] = [["Europe/Brussels", "Europe/Luxembourg"]]  # the same hours, another zone
    partners = translations(sources)
    tried, built = 0, set()
    for source in sources:
        text, name = rebuilds.texts[source], source.relative_to(handbook)
        for path, which, how, changed in changes(text, allowed):
            what = f"{name}: {path} ({'first' if which == 0 else 'last'}, {how})"
            tried += 1
            ok = rebuilds.try_change({source: changed}, what)
            partner = partners.get(source)
            if not ok and how != "a word more" and partner:
                # A translation keeps its original's version, structure, fields and gates: change both alike.
                theirs = rebuilds.texts[partner]
                nodes = values(theirs).get(path)
                other = dict(change(theirs, nodes[which], allowed.get(path.rsplit("/", 1)[-1].removesuffix("[]"), []))
                             ).get(how) if nodes else None
                if other is not None:
                    tried += 1
                    ok = rebuilds.try_change({source: changed, partner: other}, f"{what}, and in {partner.name}")
            if ok:
                built.add((name.parts[0], path.split("/")[0].removesuffix("[]")))
    assert rebuilds.differences == []
    # Every field at the top of a procedure, an incident and rex.yml was changed into one that builds, but those
    # whose every change is refused.
    for source in sources:
        top = yaml.safe_load(rebuilds.texts[source]).keys() - NEVER_BUILT
        assert {(source.relative_to(handbook).parts[0], field) for field in top} <= built, (source.name, tried)
