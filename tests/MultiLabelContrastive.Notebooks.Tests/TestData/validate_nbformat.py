"""Validates .ipynb files against a JSON schema with the jsonschema package (Draft 4, as nbformat does).

usage: python3 validate_nbformat.py SCHEMA NOTEBOOK...
Prints one line per error ("path: json-path: message") and exits 1 when any notebook is invalid, 0 otherwise.
"""
import json
import sys

import jsonschema


def where(error) -> str:
    return "/".join(str(p) for p in error.absolute_path)


def leaves(error):
    for sub in error.context or []:
        if sub.context:
            yield from leaves(sub)
        else:
            yield sub


def main() -> int:
    schema_path, notebooks = sys.argv[1], sys.argv[2:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema)
    failed = False
    for path in notebooks:
        with open(path, encoding="utf-8") as f:
            notebook = json.load(f)
        for error in sorted(validator.iter_errors(notebook), key=lambda e: [str(p) for p in e.absolute_path]):
            failed = True
            print(f"{path}: {where(error)}: {error.message[:300]}")
            # oneOf (cell kinds, output kinds): list every branch's problems, the right branch's among them
            for leaf in leaves(error):
                print(f"{path}:   {where(leaf)}: {leaf.message[:200]}")
    print(f"validated {len(notebooks)} notebook(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
