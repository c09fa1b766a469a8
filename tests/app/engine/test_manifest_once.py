"""The dbt manifest the question engine reads is parsed once even when two processes ask for it first at the same
time (a UI and a CLI starting together): they take turns under a file lock, and the manifest is moved into place
whole (os.replace), so no process reads one half written and no parse leaves its working folder behind.

The test can fail: with the file lock taken out of ensure_manifest (flock replaced by nothing) both processes
parse, and the parse count assertion fails (2 != 1)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from flows.settings import DBT_PROJECT_DIR, PROJECT_ROOT

# a process asking for the manifest, counting the dbt parses it runs into a shared file
FIRST_QUESTION = """
import json, os, sys
from pathlib import Path
import flows.dbt as dbt
run = dbt.run_dbt
def counted(*args, **kwargs):
    with open(sys.argv[2], "a") as fh:
        fh.write(f"{os.getpid()}\\n")
    return run(*args, **kwargs)
dbt.run_dbt = counted
from app.engine.catalog import ensure_manifest
path = ensure_manifest(Path(sys.argv[1]))
print(len(json.loads(path.read_text(encoding="utf-8"))["nodes"]))
"""


def test_two_first_runs_in_parallel_parse_once_and_both_read_a_whole_manifest(tmp_path):
    project = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"))
    parses = tmp_path / "parses.txt"
    procs = [subprocess.Popen([sys.executable, "-c", FIRST_QUESTION, str(project), str(parses)], cwd=PROJECT_ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outs]
    nodes = [int(out.strip().splitlines()[-1]) for out, _ in outs]
    assert nodes[0] == nodes[1] > 50  # both read the same whole manifest
    assert len(parses.read_text().split()) == 1  # one parse: the second process found the first one's manifest
    manifest = project / "target" / "manifest.json"
    assert json.loads(manifest.read_text(encoding="utf-8"))["metadata"]["project_name"]
    assert not list((project / "target").glob(".parse-*"))  # no working folder left behind
