"""The source functions-framework loads in the GCF tests (like a deployed main.py)."""

from __future__ import annotations

import os

from signalwire_typed.agents.serverless import gcf_handler

from tests.agents.serverless.bank_agent import build

main = gcf_handler(build(os.environ.get("BANK_SIGNING_KEY") or None))
