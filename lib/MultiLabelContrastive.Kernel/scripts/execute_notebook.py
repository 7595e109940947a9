"""Executes a notebook through a Jupyter kernel with nbclient (the library behind `jupyter nbconvert --execute`).

Usage: python3 execute_notebook.py IN.ipynb OUT.ipynb [KERNEL_NAME] [--quick] [--compare-with OTHER.ipynb]

The kernel (default mlc-csharp) runs in IN's folder. --quick inserts a cell `Quick = true;` tagged
injected-parameters after the cell tagged parameters, as the runner's --quick does. --compare-with checks that every
code cell has the same outputs as in OTHER (e.g. the runner's executed copy): same output types, stream names and MIME
types, in the same order (values may differ: timings). Exits 1 when a cell fails or the outputs differ; the executed
notebook is written either way.
"""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def shape(nb):
    """Per code cell, the outputs as (type, stream name or sorted MIME types)."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            kind = output["output_type"]
            if kind == "stream":
                outputs.append(f"stream:{output['name']}")
            elif kind in ("display_data", "execute_result"):
                outputs.append(f"{kind}:{','.join(sorted(output['data']))}")
            else:
                outputs.append(kind)
        cells.append(outputs)
    return cells


def main():
    args, options = [], {}
    argv = sys.argv[1:]
    while argv:
        arg = argv.pop(0)
        if arg == "--compare-with":
            options["compare"] = argv.pop(0)
        elif arg.startswith("--"):
            options[arg[2:]] = True
        else:
            args.append(arg)
    source, target = args[0], args[1]
    kernel_name = args[2] if len(args) > 2 else "mlc-csharp"

    nb = nbformat.read(source, as_version=4)
    if options.get("quick"):
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
                injected = nbformat.v4.new_code_cell("Quick = true;")
                injected.metadata["tags"] = ["injected-parameters"]
                nb.cells.insert(index + 1, injected)
                break
    client = NotebookClient(nb, kernel_name=kernel_name, timeout=1800, startup_timeout=120,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}})
    status = 0
    try:
        client.execute()
    except CellExecutionError as e:
        print(str(e)[:4000], file=sys.stderr)
        status = 1
    nbformat.write(nb, target)

    if "compare" in options and status == 0:
        mine, theirs = shape(nb), shape(nbformat.read(options["compare"], as_version=4))
        if len(mine) != len(theirs):
            print(f"{source}: {len(mine)} code cells here, {len(theirs)} in {options['compare']}", file=sys.stderr)
            status = 1
        for number, (a, b) in enumerate(zip(mine, theirs), start=1):
            if a != b:
                print(f"{source}: code cell {number}: kernel {a} != {b}", file=sys.stderr)
                status = 1
    sys.exit(status)


main()
