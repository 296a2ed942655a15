"""Each field of the department's own handbook changed in turn, and the site rebuilt over the previous one: the
rebuild gives, byte for byte, the site a build from nothing gives, and the same verdict and diagnostics (issue 12:
an incremental build's output is byte-identical to a full build's).

A rebuild renders a page again only when its key changed (`BuildKeys`): a document's own fields key its own pages,
the rest of it (its *catalog*: title, version, kind, status, …) keys every page. A field counted as a document's own
while another document's page shows it would leave that page stale after a rebuild — during an outage, a procedure
page showing what was true before the QA officer's correction. The Swift tests change a few chosen fields of a small
handbook; this test changes every kind of field the department's handbook uses, in each of its files.

The rebuilds are new `rex build-site` processes, which take what they keep from the previous site's manifest; a
`--watch` session keys its pages with the same `BuildKeys` (its own tests are in test_watch.py and the Swift tests).
"""
import re
import shutil
import subprocess

from watch_helpers import REX, shipped_handbook

FIELD = re.compile(r"^(\s*)(- )?([A-Za-z_][A-Za-z0-9_]*):(?:\s+(.*))?$")
FLOW_VALUE = re.compile(r"\b([A-Za-z_]+): ([^,{}]*[^,{}\s])")
BLOCK = ("|", ">", "|-", ">-", "|+", ">+")


def changes(text):
    """(line index, the line with a word added to one value, the value's key path) for each value of the file that
    can take a word more and stay YAML: a plain scalar, a line of a block scalar, a value in a flow mapping."""
    lines = text.split("\n")
    keys = []  # (indent, key) of the mappings around the line
    block = None  # (indent of its key, key path) while in a block scalar
    for index, line in enumerate(lines):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if block:
            if not stripped or indent > block[0]:
                if stripped:
                    yield index, line + " ZQX", block[1]
                continue
            block = None
        if not stripped or stripped.startswith("#"):
            continue

        def path(*more):
            return "/".join([key for _, key in keys] + list(more))

        field = FIELD.match(line)
        if field:
            key_indent = len(field.group(1)) + (2 if field.group(2) else 0)
            while keys and keys[-1][0] >= key_indent:
                keys.pop()
            keys.append((key_indent, field.group(3)))
            value = (field.group(4) or "").split(" #")[0].rstrip()
        elif stripped.startswith("- "):
            while keys and keys[-1][0] >= indent + 2:
                keys.pop()
            value = stripped[2:]
        else:
            continue
        if value in BLOCK:
            block = (keys[-1][0], path())
        elif value.startswith("{") and value.endswith("}"):
            for flow in FLOW_VALUE.finditer(line):
                yield index, line[: flow.end()] + " ZQX" + line[flow.end():], path("{}", flow.group(1))
        elif value and value[0] not in "&*!|>[{'\"":
            yield index, line.rstrip() + " ZQX", path() if field else path("-")


def sources(handbook):
    """Each file of the handbook with the changes to make to it: the first value of each key path in that file."""
    for source in [handbook / "rex.yml"] + sorted(handbook.glob("procedures/*.yml")) + sorted(handbook.glob("incidents/*.yml")):
        text = source.read_text(encoding="utf-8")
        first = {}
        for index, changed, key in changes(text):
            first.setdefault(key, (index, changed))
        yield source, text, sorted(first.items(), key=lambda item: item[1][0])


def build(handbook, out):
    result = subprocess.run([REX, "build-site", "--root", str(handbook), "--out", str(out)],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    # Diagnostics only: the summary names the output folder and how many files the build wrote.
    said = [line for line in result.stdout.splitlines() if not line.startswith(("Built ", "Open file://"))]
    return result.returncode, said


def files(site):
    """Every file of a site by path, its manifest aside (which records file stamps and what the build kept)."""
    return {str(path.relative_to(site)): path.read_bytes()
            for path in site.rglob("*") if path.is_file() and path.name != ".rex-manifest"}


def test_every_kind_of_field_changed_in_turn_rebuilds_the_site_a_full_build_makes(tmp_path):
    handbook = shipped_handbook(tmp_path)
    site, full = tmp_path / "site", tmp_path / "full"
    assert build(handbook, site)[0] == 0
    tried, built, differences = 0, 0, []
    for source, text, fields in sources(handbook):
        lines = text.split("\n")
        for key, (index, changed) in fields:
            source.write_text("\n".join(lines[:index] + [changed] + lines[index + 1:]), encoding="utf-8")
            rebuilt = build(handbook, site)
            shutil.rmtree(full, ignore_errors=True)
            fresh = build(handbook, full)
            tried += 1
            what = f"{source.relative_to(handbook)}:{index + 1} ({key})"
            if rebuilt != fresh:
                differences.append(f"{what}: the rebuild said {rebuilt}, a full build {fresh}")
            elif rebuilt[0] == 0:
                built += 1
                ours, theirs = files(site), files(full)
                stale = sorted(path for path in ours.keys() | theirs.keys() if ours.get(path) != theirs.get(path))
                if stale:
                    differences.append(f"{what}: {stale} differ from a full build's")
        source.write_text(text, encoding="utf-8")
        assert build(handbook, site)[0] == 0
    assert differences == []
    # Enough of the changes leave a valid handbook (many make an id, a type or a reference invalid, and are refused).
    assert tried > 250 and built > 120, (tried, built)
