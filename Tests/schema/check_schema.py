#!/usr/bin/env python3
"""Checks docs/corpus.schema.json with a standard validator (python-jsonschema, Draft 2020-12):
the schema itself is valid, the bundled corpus and the good fixtures conform (both corpus forms), and
each bad fixture whose defect a schema can see is rejected. Prints 'schema: N passed, N failed'."""
import json
import os
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLLECTIONS = ["articles", "actors", "statements", "events", "excerpts"]
# Bad fixtures whose single defect is visible to a schema (the rest need the whole corpus).
SCHEMA_VISIBLE = ["type-title-number", "type-not-an-object", "missing-key", "missing-field", "unknown-field",
                  "count-not-whole", "bad-id", "date-malformed", "enum-stance", "enum-actor-kind",
                  "signatory-without-excerpt", "role-without-excerpt"]

with open(os.path.join(ROOT, "docs", "corpus.schema.json"), encoding="utf-8") as handle:
    schema = json.load(handle)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
passed = 1
failed = 0


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def directory_errors(folder):
    errors = []
    for collection in COLLECTIONS:
        # A directory file is one $defs entry; the top-level (single-file) constraints do not apply to it.
        sub = jsonschema.Draft202012Validator({"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{collection}"})
        errors += [f"{collection}.json: {e.message[:200]}" for e in sub.iter_errors(load(os.path.join(folder, collection + ".json")))]
    return errors


for folder in [os.path.join(ROOT, "data"), os.path.join(ROOT, "Tests", "Fixtures", "good", "small-dir")]:
    errors = directory_errors(folder)
    check(folder, not errors, "; ".join(errors[:5]))
# small.json, and own-fields.json: x- fields on every kind of record and a forum written in words.
for good in [os.path.join(ROOT, "Tests", "Fixtures", "good", name) for name in ["small.json", "own-fields.json"]]:
    errors = [e.message[:200] for e in validator.iter_errors(load(good))]
    check(good, not errors, "; ".join(errors[:5]))
for name in ["state-without-country", "forum-named-like-an-actor", "role-plain-id", "speaker-named-like-an-actor"]:
    # Warnings, not errors: the schema accepts them.
    path = os.path.join(ROOT, "Tests", "Fixtures", "warn", name + ".json")
    check(path, validator.is_valid(load(path)), "a corpus that loads with a warning was rejected")
for name in SCHEMA_VISIBLE:
    path = os.path.join(ROOT, "Tests", "Fixtures", "bad", name + ".json")
    check(path, not validator.is_valid(load(path)), "was accepted by the schema")
for name in ["date-impossible", "dangling-reference", "quote-not-found", "forum-not-an-actor"]:
    # Documented limits: these need the whole corpus, so the schema accepts them and `dossier validate` does not.
    path = os.path.join(ROOT, "Tests", "Fixtures", "bad", name + ".json")
    check(path + " (schema limit)", validator.is_valid(load(path)), "schema rejects a corpus-level defect")

print(f"schema: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
