"""Each list of the department's own handbook made one item shorter and one item longer in turn, and each field it
does not use added, and the site rebuilt over the previous one: the rebuild gives, byte for byte, the site a build
from nothing gives, or refuses as that build refuses (issue 12: an incremental build's output is byte-identical to
a full build's).

test_rebuild_mutations.py changes each value; this test changes the handbook's shape, which a value's change
leaves as it is: a step, a section, a contact, a log's column, a cause or an action removed or added, and the
fields no shipped file uses. A page that shows something of another document's shape (how many steps it has,
which columns its log keeps) while the rebuild keeps it would be stale after such a change. For the first and the
last list of each key path in each file, its first item is taken out, its last item taken out, and its last item
repeated after it (each id and a decision's answer inside the copy made new, so that the copy is a new item rather
than a duplicate).
A change a translation refuses alone is made to both languages at once, as in test_rebuild_mutations.py.
"""
import re

import yaml

from rebuild_helpers import Rebuilds, paths_and_nodes

# Each field no shipped file uses, as the QA officer would add it (README, File formats), by schema. The test fails
# when a schema has a field neither the shipped handbook nor this list uses: a new field needs its line here.
ADDED = {
    "rex": {"severity_scales": "severity_scales:\n  - { id: interne, title: Échelle interne, levels: [A, B, C] }\n"},
    "incident": {"followed": "followed: [rv-downtime]\n"},
}
KIND = {"procedures": "procedure", "incidents": "incident", ".": "rex"}
# What must differ between an item and the copy of it: its ids, and a decision's answer.
AN_ID = re.compile(r"(\bid:[ \t]*)([a-z0-9-]+)")
AN_ANSWER = re.compile(r"(\banswer:[ \t]*)([^'\"\n]+)$", re.MULTILINE)


def lists(text):
    """Each key path of a block list (`sections/-/steps`) with its nodes, in the order they come."""
    found = {}
    for path, node in paths_and_nodes(text):
        if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
            found.setdefault(path, []).append(node)
    return found


def line_start(text, index):
    return text.rfind("\n", 0, index) + 1


def reshaped(text, node):
    """(how, `text` with the list `node` reshaped) for each way: its first item taken out, its last item taken out,
    its last item repeated after it with each id and answer in the copy made new. An item is its lines, from its dash's line to
    the next item's (or the list's end)."""
    starts = [line_start(text, text.rindex("-", 0, item.start_mark.index)) for item in node.value]
    end = line_start(text, node.end_mark.index)
    if text[end:node.end_mark.index].strip():
        end = node.end_mark.index  # the list ends mid-line: at the end of the file without a line break
    bounds = starts + [end]
    yield "first item taken out", text[:bounds[0]] + text[bounds[1]:]
    if len(starts) > 1:
        yield "last item taken out", text[:bounds[-2]] + text[end:]
    copy = AN_ID.sub(lambda found: found.group(1) + found.group(2) + "-zq", text[bounds[-2]:end])
    copy = AN_ANSWER.sub(lambda found: found.group(1) + found.group(2) + " ZQX", copy)
    yield "an item more", text[:end] + copy + text[end:]


def changes(text):
    """(key path, which of its lists: 0 or -1, how, the text changed) for the first and last list of each path."""
    for path, nodes in lists(text).items():
        for which in [0, -1] if len(nodes) > 1 else [0]:
            for how, changed in reshaped(text, nodes[which]):
                yield path, which, how, changed


def names(value):
    """Every key of a YAML value, at any depth."""
    if isinstance(value, dict):
        return set(value) | {name for inner in value.values() for name in names(inner)}
    if isinstance(value, list):
        return {name for inner in value for name in names(inner)}
    return set()


def schema_fields(schema):
    """Every property name of a JSON Schema, at any depth."""
    if isinstance(schema, dict):
        own = set(schema.get("properties", {}))
        return own | {name for inner in schema.values() for name in schema_fields(inner)}
    if isinstance(schema, list):
        return {name for inner in schema for name in schema_fields(inner)}
    return set()


def test_every_list_shortened_and_lengthened_and_every_unused_field_added_rebuilds_what_a_build_from_nothing_makes(
        tmp_path):
    rebuilds = Rebuilds(tmp_path)
    handbook = rebuilds.handbook
    schemas = rebuilds.schemas()
    by_kind = {}
    for source, text in rebuilds.texts.items():
        by_kind.setdefault(KIND[str(source.relative_to(handbook).parent)], []).append(text)
    for kind, texts in by_kind.items():
        used = {name for text in texts for name in names(yaml.safe_load(text))}
        used |= {name for added in ADDED.get(kind, {}).values() for name in names(yaml.safe_load(added))}
        assert schema_fields(schemas[kind]) <= used, \
            f"no shipped {kind} and no line of ADDED uses {sorted(schema_fields(schemas[kind]) - used)}"

    tried, built = set(), set()
    for source, text in rebuilds.texts.items():
        name = source.relative_to(handbook)
        for field, line in ADDED.get(KIND[str(name.parent)], {}).items():
            if field not in yaml.safe_load(text):
                tried.add((name, field))
                if rebuilds.try_change({source: text.rstrip("\n") + "\n" + line}, f"{name}: {field} added"):
                    built.add((name, field))
        for path, which, how, changed in changes(text):
            tried.add((name, path))

            def same_change(theirs):
                nodes = lists(theirs).get(path)
                return dict(reshaped(theirs, nodes[which])).get(how) if nodes else None

            if rebuilds.try_change_translated(source, changed,
                                              f"{name}: {path} ({'first' if which == 0 else 'last'} list, {how})",
                                              same_change):
                built.add((name, path))
    assert rebuilds.differences == []
    never = sorted(f"{name}: {path}" for name, path in tried - built)
    assert never == [], f"{len(built)} of {len(tried)} lists and fields built; never: " + "; ".join(never)
