"""Executes a notebook through a Jupyter kernel with nbclient (what `jupyter nbconvert --execute` uses).

Usage: python3 execute_notebook.py IN.ipynb OUT.ipynb [KERNEL_NAME] [--quick]
The kernel runs in IN's folder. --quick inserts a cell `Quick = true;` tagged injected-parameters after the cell
tagged parameters, as the runner's --quick does. Exits 1 when a cell fails (the executed notebook is still written).
"""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

args = [a for a in sys.argv[1:] if not a.startswith("--")]
source, target = args[0], args[1]
kernel_name = args[2] if len(args) > 2 else "mlc-csharp"
nb = nbformat.read(source, as_version=4)
if "--quick" in sys.argv:
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            injected = nbformat.v4.new_code_cell("Quick = true;")
            injected.metadata["tags"] = ["injected-parameters"]
            nb.cells.insert(index + 1, injected)
            break
client = NotebookClient(nb, kernel_name=kernel_name, timeout=900, startup_timeout=120,
                        resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}})
status = 0
try:
    client.execute()
except CellExecutionError as e:
    print(str(e)[:4000], file=sys.stderr)
    status = 1
nbformat.write(nb, target)
sys.exit(status)
