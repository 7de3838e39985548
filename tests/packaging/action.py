"""Checks action.yml against what GitHub requires of a composite action's
metadata, then runs its steps as the runner would: each `run` in bash, with
`${{ inputs.* }}` and `${{ steps.*.outputs.* }}` filled in, the step's `env`,
`GITHUB_ACTION_PATH`, `GITHUB_PATH` and `GITHUB_OUTPUT` files, and the
`if:` conditions evaluated for the two cases tested (install only; install
and run `check`). pip installs from the wheel just built (no index).

usage: action.py REPO_ROOT WORK_DIR WHEEL_DIR
"""

import os
import re
import subprocess
import sys

import yaml

root, work, wheels = sys.argv[1:4]
with open(os.path.join(root, "action.yml"), encoding="utf-8") as handle:
    action = yaml.safe_load(handle)

problems = []
for key in ("name", "description", "runs"):
    if not action.get(key):
        problems.append(f"missing `{key}`")
allowed = {"name", "author", "description", "inputs", "outputs", "runs", "branding"}
problems += [f"unknown top-level key `{key}`" for key in action if key not in allowed]
for name, spec in (action.get("inputs") or {}).items():
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name):
        problems.append(f"input `{name}`: not a valid id")
    if "description" not in spec:
        problems.append(f"input `{name}`: no description")
    problems += [f"input `{name}`: unknown key `{k}`" for k in spec if k not in {"description", "required", "default", "deprecationMessage"}]
for name, spec in (action.get("outputs") or {}).items():
    if "value" not in spec or "description" not in spec:
        problems.append(f"output `{name}`: a composite action's output needs description and value")
runs = action.get("runs", {})
if runs.get("using") != "composite":
    problems.append("runs.using is not composite")
ids = set()
for index, step in enumerate(runs.get("steps", [])):
    if ("run" in step) == ("uses" in step):
        problems.append(f"step {index}: needs exactly one of run/uses")
    if "run" in step and "shell" not in step:
        problems.append(f"step {index}: a composite `run` step needs `shell`")
    if "id" in step:
        ids.add(step["id"])
for name, spec in (action.get("outputs") or {}).items():
    for ref in re.findall(r"steps\.([A-Za-z0-9_-]+)\.", str(spec.get("value", ""))):
        if ref not in ids:
            problems.append(f"output `{name}` names step `{ref}`, which has no such id")
branding = action.get("branding", {})
if branding and branding.get("color") not in {"white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"}:
    problems.append("branding.color is not one GitHub allows")
if problems:
    sys.exit("action.yml: " + "; ".join(problems))


def run_action(inputs, case):
    base = os.path.join(work, case)
    os.makedirs(os.path.join(base, "temp"), exist_ok=True)
    github_path = os.path.join(base, "path")
    github_output = os.path.join(base, "output")
    open(github_path, "w").close()
    values = {name: str(spec.get("default", "")) for name, spec in action.get("inputs", {}).items()}
    values.update(inputs)
    outputs = {}

    def fill(text):
        text = re.sub(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}", lambda m: values[m.group(1)], text)
        return re.sub(
            r"\$\{\{\s*steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\s*\}\}",
            lambda m: outputs.get(m.group(1), {}).get(m.group(2), ""),
            text,
        )

    for step in action["runs"]["steps"]:
        condition = step.get("if")
        if condition:
            # The only condition used: an input compared with ''.
            match = re.fullmatch(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*!=\s*''\s*\}\}", condition.strip())
            if not match:
                sys.exit(f"action.yml: cannot evaluate `if: {condition}` here")
            if values[match.group(1)] == "":
                continue
        path_dirs = [line for line in open(github_path).read().split("\n") if line]
        env = dict(os.environ)
        env.update({key: fill(str(value)) for key, value in (step.get("env") or {}).items()})
        env.update(
            GITHUB_ACTION_PATH=root,
            GITHUB_PATH=github_path,
            GITHUB_OUTPUT=github_output,
            RUNNER_TEMP=os.path.join(base, "temp"),
            PIP_NO_INDEX="1",
            PIP_FIND_LINKS=wheels,
            PATH=os.pathsep.join(path_dirs + [env["PATH"]]),
        )
        open(github_output, "w").close()
        cwd = os.path.join(root, fill(step.get("working-directory", ".")))
        result = subprocess.run(["bash", "-e", "-c", fill(step["run"])], cwd=cwd, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"action.yml ({case}): step `{step.get('id', step['run'][:40])}` failed:\n{result.stdout}{result.stderr}")
        if "id" in step:
            pairs = [line.split("=", 1) for line in open(github_output).read().splitlines() if "=" in line]
            outputs[step["id"]] = dict(pairs)
        yield step, result
    version = fill(action["outputs"]["version"]["value"])
    if not re.fullmatch(r"\d+\.\d+\.\d+.*", version):
        sys.exit(f"action.yml ({case}): the version output is `{version}`")


install_only = list(run_action({}, "install-only"))
if len(install_only) != 1:
    sys.exit("action.yml: with no args, only the install step should run")
ran = list(run_action({"args": "check examples/lead-to-contract.crmflow 'templates/*.en.crmflow'"}, "check"))
if len(ran) != 2 or not re.search(r"\b\d+ files checked, no problems", ran[1][1].stdout + ran[1][1].stderr):
    sys.exit("action.yml: `args` did not run crmflow check: " + (ran[-1][1].stdout + ran[-1][1].stderr))
print("action.yml: valid; install-only and check runs work")
