"""``signalwire-typed agent call --serverless MODE --call-data JSON``: a tool through each entry point."""

from __future__ import annotations

import json

import pytest
from signalwire_typed.cli import main

TARGET = "tests.agents.serverless.bank_agent:build"


@pytest.mark.parametrize("mode", ["lambda", "gcf", "azure", "cgi", None])
def test_call_through_each_entry_point(mode: str | None, capsys: pytest.CaptureFixture[str]) -> None:
    extra = ["--serverless", mode] if mode else []
    assert main(["agent", "call", TARGET, "balance", "--args", '{"account": "Z-9"}', *extra]) == 0
    assert json.loads(capsys.readouterr().out) == {"status": 200, "response": "Account Z-9 holds 42"}
    call_data = '{"caller_id_number": "+15551234567", "call_id": "call-77", "global_data": {"tier": "gold"}}'
    assert main(["agent", "call", TARGET, "whoami", "--call-data", call_data, *extra]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"status": 200, "response": "caller +15551234567 in call call-77, tier gold"}


def test_bad_arguments_come_back_through_the_entry_point(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["agent", "call", TARGET, "balance", "--args", '{"account": 5}', "--serverless", "lambda"]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert "Invalid arguments for balance" in out["response"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--call-data", "[1]"], "--call-data must be a JSON object"),
        (["--call-data", "{oops"], "--call-data is not valid JSON"),
    ],
)
def test_bad_call_data(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agent", "call", TARGET, "balance", *argv]) == 2
    assert message in capsys.readouterr().err


def test_unknown_mode_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["agent", "call", TARGET, "balance", "--serverless", "heroku"])
    assert "invalid choice: 'heroku'" in capsys.readouterr().err
