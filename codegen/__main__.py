"""``python -m codegen [--check] [--out DIR]``: regenerate the generated package from specs/.

With ``--check`` nothing is written: the tree is generated into a temporary folder and
compared with generated/; any difference is printed as a diff and the exit status is 1.
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .pipeline import ROOT, generate

_MAX_DIFF_LINES = 200


def _build(staging: Path) -> int:
    files = generate(staging)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--quiet",
            "--no-cache",
            "--line-length",
            "110",
            "--target-version",
            "py311",
            str(staging),
        ],
        check=True,
    )
    return files


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _diff(expected: dict[str, bytes], actual: dict[str, bytes]) -> list[str]:
    out: list[str] = []
    for name in sorted(expected.keys() | actual.keys()):
        old, new = actual.get(name), expected.get(name)
        if old == new:
            continue
        a = (old or b"").decode("utf-8", "replace").splitlines(keepends=True)
        b = (new or b"").decode("utf-8", "replace").splitlines(keepends=True)
        out.extend(difflib.unified_diff(a, b, f"generated/{name}", f"regenerated/{name}"))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "generated", help="where to write (default: generated/)"
    )
    parser.add_argument("--check", action="store_true", help="fail with a diff if the output would change")
    args = parser.parse_args()
    out: Path = args.out
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp) / "generated"
        files = _build(staging)
        if args.check:
            lines = _diff(_tree(staging), _tree(out) if out.exists() else {})
            if lines:
                sys.stdout.writelines(lines[:_MAX_DIFF_LINES])
                more = len(lines) - _MAX_DIFF_LINES
                if more > 0:
                    print(f"... {more} more diff lines")
                print(f"\n{out} is out of date with specs/: run `make generate` and commit the result.")
                return 1
            print(f"{out} matches specs/ ({files} files)")
            return 0
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(staging, out)
    lines_of_code = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in out.rglob("*.py"))
    elapsed = time.perf_counter() - start
    print(f"generated {files} files, {lines_of_code} lines of Python into {out} in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
