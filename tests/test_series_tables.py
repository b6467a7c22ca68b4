"""A Series in a real kernel shows as a table once journeylab is imported, and stays a Series."""

import nbformat
from nbclient import NotebookClient


def shown(*cells: str) -> list[dict]:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    NotebookClient(notebook, kernel_name="python3", timeout=60).execute()
    return [output.get("data", {}) for output in notebook.cells[-1].outputs]


def test_a_count_shows_as_a_table_without_the_dtype_footer():
    [data] = shown("import journeylab as jl\nimport pandas as pd",
                   'pd.Series(["tactic", "strategy", "tactic"], name="kind").value_counts()')
    assert data["text/plain"].split() == ["count", "kind", "tactic", "2", "strategy", "1"]
    assert "dtype" not in data["text/plain"]
    assert "<table" in data["text/html"] and "tactic" in data["text/html"]


def test_without_journeylab_pandas_shows_its_own_footer():
    [data] = shown("import pandas as pd", 'pd.Series(["tactic"], name="kind").value_counts()')
    assert "dtype: int64" in data["text/plain"]


def test_the_value_stays_a_series():
    [data] = shown("import journeylab as jl\nimport pandas as pd",
                   'type(pd.Series([1, 2]).value_counts()).__name__')
    assert data["text/plain"] == "'Series'"
