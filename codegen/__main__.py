"""``python -m codegen [--out DIR]``: regenerate the generated package from specs/."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .pipeline import ROOT, generate


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "generated", help="where to write (default: generated/)")
    args = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp) / "generated"
        files = generate(staging)
        subprocess.run(
            [sys.executable, "-m", "ruff", "format", "--quiet", "--no-cache", "--line-length", "110", "--target-version", "py311", str(staging)],
            check=True,
        )
        out: Path = args.out
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(staging, out)
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in out.rglob("*.py"))
    print(f"generated {files} files, {lines} lines of Python into {out} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
