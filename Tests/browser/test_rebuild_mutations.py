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
import re

import yaml

from rebuild_helpers import Rebuilds, paths_and_nodes

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
    for path, node in paths_and_nodes(text):
        if isinstance(node, yaml.SequenceNode) and node.flow_style and node.value:
            found.setdefault(path + "[]", []).append(node)
        elif isinstance(node, yaml.ScalarNode) and node.value != "" and node.tag != "tag:yaml.org,2002:null":
            found.setdefault(path, []).append(node)
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


def test_every_field_changed_in_turn_rebuilds_the_site_a_build_from_nothing_makes(tmp_path):
    rebuilds = Rebuilds(tmp_path)
    schemas = rebuilds.schemas()
    allowed = {folder: enums(schemas[kind]) for folder, kind in [("procedures", "procedure"), ("incidents", "incident"),
                                                                  (".", "rex")]}
    allowed["."]["time_zone"] = [["Europe/Brussels", "Europe/Luxembourg"]]  # the same hours, another zone
    tried, built = set(), set()
    for source, text in rebuilds.texts.items():
        name = source.relative_to(rebuilds.handbook)
        lists = allowed[str(name.parent)]
        for path, which, how, changed in changes(text, lists):
            tried.add((name, path))

            def same_change(theirs):
                nodes = values(theirs).get(path)
                return dict(change(theirs, nodes[which], listed(lists, path))).get(how) if nodes else None

            if rebuilds.try_change_translated(source, changed,
                                              f"{name}: {path} ({'first' if which == 0 else 'last'}, {how})", same_change):
                built.add((name, path))
    assert rebuilds.differences == []
    # Every value the test changed had a change that builds, but for the fields no change of the test's can build.
    never = sorted(f"{name}: {path}" for name, path in tried - built
                   if not NEVER_BUILT & set(path.removesuffix("[]").split("/")) and not path.endswith(NEVER_BUILT_PATHS))
    assert never == [], f"{len(built)} of {len(tried)} key paths built; never: " + "; ".join(never)
