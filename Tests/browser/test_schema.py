"""The JSON Schemas of `rex schema`, checked by an independent validator (check-jsonschema, from PyPI).

Every file Rex accepts must pass its schema, or editors would flag valid files: the shipped handbook,
every fixture handbook, and what `rex init` and `rex new` write. Files Rex refuses for a reason the
schema can express must fail it, or the editor would stay silent about them.
"""
import os
import pathlib
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
REX = os.environ.get("REX", str(REPO / ".build" / "debug" / "rex"))
HANDBOOKS = [REPO] + sorted(p for p in (REPO / "Tests" / "fixtures").iterdir() if p.is_dir())
SCHEMAS = {"procedures": "procedure.schema.json", "incidents": "incident.schema.json", "rex.yml": "rex.schema.json"}


@pytest.fixture(scope="module")
def schemas(tmp_path_factory):
    folder = tmp_path_factory.mktemp("schema")
    result = subprocess.run([REX, "schema", "--out", str(folder)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(SCHEMAS.values())
    return folder


def check(schema, files):
    """check-jsonschema's exit code and output for `files` against `schema`."""
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema)]
                            + [str(f) for f in files], capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def handbook_files(root):
    """(schema name, files) for each kind of file of a handbook folder."""
    groups = []
    for folder in ("procedures", "incidents"):
        files = sorted((root / folder).glob("*.yml"))
        if files:
            groups.append((SCHEMAS[folder], files))
    if (root / "rex.yml").exists():
        groups.append((SCHEMAS["rex.yml"], [root / "rex.yml"]))
    return groups


def test_schemas_are_valid_draft_2020_12(schemas):
    for name in SCHEMAS.values():
        text = (schemas / name).read_text(encoding="utf-8")
        assert '"$schema": "https://json-schema.org/draft/2020-12/schema"' in text
        result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--check-metaschema", str(schemas / name)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("root", HANDBOOKS, ids=lambda p: p.name if p != REPO else "shipped")
def test_every_shipped_and_fixture_file_passes(schemas, root):
    groups = handbook_files(root)
    assert groups, f"no handbook files under {root}"
    for schema, files in groups:
        code, output = check(schemas / schema, files)
        assert code == 0, f"{schema} rejects files Rex accepts:\n{output}"


def test_init_and_new_pass_their_schemas(schemas, tmp_path):
    root = tmp_path / "manuel"
    subprocess.run([REX, "init", str(root)], check=True, capture_output=True)
    subprocess.run([REX, "new", "procedure", "panne-reseau", "--root", str(root)], check=True, capture_output=True)
    subprocess.run([REX, "new", "incident", "rex-2030-01", "--root", str(root)], check=True, capture_output=True)
    for schema, files in handbook_files(root):
        code, output = check(schemas / schema, files)
        assert code == 0, f"{schema}:\n{output}"
    # The schemas rex init writes for the editor are the ones rex schema writes.
    for name in SCHEMAS.values():
        assert (root / "schema" / name).read_bytes() == (schemas / name).read_bytes()


GOOD_PROCEDURE = """\
id: panne
title: Panne
kind: restore
status: draft
owner: Qualité
when: Toujours.
roles: { rtt: Technologue }
sections:
  - title: Seule section
    steps:
      - id: etape
        role: rtt
        do: Faire.
"""

WRONG_PROCEDURE = """\
id: panne
title: Panne
kind: urgent
version: 0
status: draft
owner: Qualité
when: Toujours.
sections:
  - title: Seule section
    steps:
      - id: Etape
        rol: rtt
        do: Faire.
"""


def rex_accepts(tmp_path, text):
    """Whether `rex validate` finds no error in a handbook holding `text` as procedures/panne.yml."""
    root = tmp_path / "handbook"
    (root / "procedures").mkdir(parents=True, exist_ok=True)
    (root / "rex.yml").write_text("name: Test\n", encoding="utf-8")
    (root / "procedures" / "panne.yml").write_text(text, encoding="utf-8")
    result = subprocess.run([REX, "validate", "--root", str(root)], capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode == 0


def test_a_wrong_file_fails_with_each_problem_named(schemas, tmp_path):
    wrong = tmp_path / "panne.yml"
    wrong.write_text(WRONG_PROCEDURE, encoding="utf-8")
    assert not rex_accepts(tmp_path, WRONG_PROCEDURE)
    code, output = check(schemas / "procedure.schema.json", [wrong])
    assert code == 1, output
    # What Rex reports for this file too: an unknown kind, a version below 1, an invalid step id, an unknown key.
    for problem in ("'urgent' is not one of", "$.version", "$.sections[0].steps[0].id", "'rol' was unexpected"):
        assert problem in output, f"{problem!r} not reported:\n{output}"


@pytest.mark.parametrize("line", [
    "version: 3", "version: '3'", "version: 3\napproved_by:", "version: 3\neffective: 2021-03-01",
    "version: 3\neffective: '2021-03-01'", "version: 3\nlanguage: nl",
])
def test_forms_rex_accepts_pass_the_schema(schemas, tmp_path, line):
    text = GOOD_PROCEDURE + line + "\n"
    assert rex_accepts(tmp_path, text)
    path = tmp_path / "forms.yml"
    path.write_text(text, encoding="utf-8")
    code, output = check(schemas / "procedure.schema.json", [path])
    assert code == 0, output


@pytest.mark.parametrize("find, replace", [
    ("owner:", "effective: 2026-02-30\nowner:"),  # not a real date: Rex reports invalid-date
    ("owner:", "review_by: 01/03/2027\nowner:"),  # day first: Rex wants YYYY-MM-DD
    ("version: 3", "version: 3.1"),               # not a whole number
    ("kind: restore", "kind: Restore"),           # enumerations are lower-case
    ("owner:", "double_check: true\nowner:"),     # a step's key at the top of the file
    ("        role: rtt\n", "        role: rtt\n        double_check: oui\n"),  # true or false only
    ("version: 3\n", ""),                         # version is required
    ("version: 3", "version: 3\nlanguage: de"),  # fr, nl or en only
])
def test_values_rex_refuses_fail_the_schema(schemas, tmp_path, find, replace):
    text = GOOD_PROCEDURE + "version: 3\n"
    assert find in text and rex_accepts(tmp_path, text)
    assert not rex_accepts(tmp_path, text.replace(find, replace, 1)), "rex accepts it: the schema must too"
    path = tmp_path / "bad.yml"
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")
    code, output = check(schemas / "procedure.schema.json", [path])
    assert code == 1, f"{replace!r} passed the schema:\n{output}"
    assert "Schema validation errors" in output or "ValidationError" in output or "$." in output, output


TOLERANCE_PROCEDURE = """\
id: panne
title: Panne
kind: restore
version: 3
status: draft
owner: Qualité
when: Toujours.
roles: { rtt: Technologue }
logs:
  seances:
    title: Séances
    columns:
      - { id: patient, label: Patient, type: patient }
      - { id: fraction, label: Fraction, type: number, counter: true }
    reconcile:
      - { id: ressaisi, label: Ressaisi par, type: initials }
sections:
  - title: Seule section
    steps:
      - id: etape
        role: rtt
        do: Faire.
        log: seances
        record:
          - { id: bd, label: BD, type: datetime }
          - { id: fichiers, label: Fichiers, type: datetime, must_match: bd, tolerance: 10 min }
          - { id: um, label: UM, type: number }
          - { id: um_relues, label: UM relues, type: number, must_match: um, tolerance: 0.5 }
"""


@pytest.mark.parametrize("find, replace", [
    ("tolerance: 10 min", "tolerance: 10 min"), ("tolerance: 10 min", "tolerance: 1.5 h"),
    ("tolerance: 10 min", "tolerance: 30s"), ("tolerance: 10 min", "tolerance: '2 d'"),
    ("tolerance: 0.5", "tolerance: 0"), ("tolerance: 0.5", "tolerance: '0.5'"), ("tolerance: 0.5", "tolerance: .5"),
    ("counter: true", "counter: false"),
])
def test_tolerance_and_log_column_forms_rex_accepts_pass_the_schema(schemas, tmp_path, find, replace):
    text = TOLERANCE_PROCEDURE.replace(find, replace, 1)
    assert rex_accepts(tmp_path, text)
    path = tmp_path / "forms.yml"
    path.write_text(text, encoding="utf-8")
    code, output = check(schemas / "procedure.schema.json", [path])
    assert code == 0, output


@pytest.mark.parametrize("find, replace", [
    ("tolerance: 10 min", "tolerance: -10 min"),      # negative
    ("tolerance: 10 min", "tolerance: 10 minutes"),   # not a unit Rex reads
    ("tolerance: 0.5", "tolerance: -0.5"),
    ("tolerance: 0.5", "tolerance: ± 0.5"),
    ("counter: true", "counter: oui"),                # true or false only
    ("type: patient", "type: patients"),              # not a field type
])
def test_tolerance_and_log_column_values_rex_refuses_fail_the_schema(schemas, tmp_path, find, replace):
    assert rex_accepts(tmp_path, TOLERANCE_PROCEDURE)
    text = TOLERANCE_PROCEDURE.replace(find, replace, 1)
    assert not rex_accepts(tmp_path, text), "rex accepts it: the schema must too"
    path = tmp_path / "bad.yml"
    path.write_text(text, encoding="utf-8")
    code, output = check(schemas / "procedure.schema.json", [path])
    assert code == 1, f"{replace!r} passed the schema:\n{output}"
