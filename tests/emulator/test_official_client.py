"""The official ``signalwire-sdk`` RelayClient, unchanged, against the emulator over wss.

It only speaks wss and trusts the CA named by SIGNALWIRE_RELAY_CA_FILE, so the emulator serves
TLS with a certificate from a throwaway CA (trustme). The call is rung and the digit pressed
through the HTTP control API; the assertions read what the emulator recorded.
"""

from __future__ import annotations

import asyncio
import os
import ssl
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme
from signalwire.relay import RelayClient
from signalwire.relay.call import Call
from signalwire_typed.emulator import Emulator

from .raw_client import RawClient, run


@pytest.fixture
def tls_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca_file = tmp_path / "ca.pem"
    cert_file = tmp_path / "cert.pem"
    key_file = tmp_path / "key.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    cert.private_key_pem.write_to_path(str(key_file))
    for blob in cert.cert_chain_pems:
        blob.write_to_path(str(cert_file), append=True)
    monkeypatch.setenv("SIGNALWIRE_RELAY_CA_FILE", str(ca_file))
    return cert_file, key_file


async def _wait_for_command(http: httpx.AsyncClient, call_id: str, method: str) -> None:
    async with asyncio.timeout(5):
        while True:
            info = (await http.get(f"/emulator/calls/{call_id}")).json()
            if method in [c["method"] for c in info["commands"]]:
                return
            await asyncio.sleep(0.01)


def test_official_python_client_answers_plays_collects_and_hangs_up(tls_files: tuple[Path, Path]) -> None:
    cert_file, key_file = tls_files

    async def main() -> None:
        emulator = Emulator(project="proj", token="secret", tls_cert=cert_file, tls_key=key_file)
        async with emulator, httpx.AsyncClient(base_url=emulator.http_url, verify=False, timeout=5) as http:
            assert emulator.url.startswith("wss://")
            client = RelayClient(project="proj", token="secret", host=emulator.address, contexts=["office"])
            outcome: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()

            @client.on_call
            async def handle(call: Call) -> None:
                try:
                    await call.answer()
                    play = await call.play([{"type": "tts", "params": {"text": "Press 1 for sales"}}])
                    played = await play.wait(5)
                    collect = await call.collect(digits={"max": 1, "digit_timeout": 5}, initial_timeout=30)
                    collected = await collect.wait(5)
                    await call.hangup()
                    await call.wait_for_ended(5)
                    outcome.set_result(
                        {"played": played.params, "collected": collected.params, "state": call.state}
                    )
                except Exception as exc:
                    outcome.set_exception(exc)

            await client.connect()
            try:
                rung = await http.post(
                    "/emulator/calls", json={"context": "office", "from": "+1555", "to": "+1666"}
                )
                call_id = rung.json()["call_id"]
                await _wait_for_command(http, call_id, "calling.collect")
                assert (
                    await http.post(f"/emulator/calls/{call_id}/digits", json={"digits": "1"})
                ).status_code == 200
                result = await asyncio.wait_for(outcome, 10)
            finally:
                await client.disconnect()

            assert result["played"]["state"] == "finished"
            assert result["collected"]["result"] == {
                "type": "digit",
                "params": {"digits": "1", "terminator": ""},
            }
            assert result["state"] == "ended"
            info = (await http.get(f"/emulator/calls/{call_id}")).json()
            assert [c["method"] for c in info["commands"]] == [
                "calling.answer",
                "calling.play",
                "calling.collect",
                "calling.end",
            ]
            assert info["commands"][1]["params"]["play"] == [
                {"type": "tts", "params": {"text": "Press 1 for sales"}}
            ]
            assert info["commands"][3]["params"]["reason"] == "hangup"
            assert info["state"] == "ended" and info["end_reason"] == "hangup"
            assert [
                (e["event_type"], e["params"].get("state") or e["params"].get("call_state"))
                for e in info["events"]
            ] == [
                ("calling.call.receive", "ringing"),
                ("calling.call.state", "answered"),
                ("calling.call.play", "playing"),
                ("calling.call.play", "finished"),
                ("calling.call.collect", "finished"),
                ("calling.call.state", "ending"),
                ("calling.call.state", "ended"),
            ]
            # The official client acknowledged every event.
            assert emulator.unacked_events() == 0

    run(main())


def test_official_python_client_is_refused_with_a_wrong_token(tls_files: tuple[Path, Path]) -> None:
    cert_file, key_file = tls_files

    async def main() -> None:
        async with Emulator(project="proj", token="secret", tls_cert=cert_file, tls_key=key_file) as emulator:
            client = RelayClient(project="proj", token="wrong", host=emulator.address, contexts=["office"])
            try:
                with pytest.raises(Exception, match="Authentication service failed") as refused:
                    await client.connect()
                assert getattr(refused.value, "code", None) == -32002
            finally:
                await client.disconnect()

    run(main())


def test_cli_serves_wss_with_the_tls_flags(tls_files: tuple[Path, Path]) -> None:
    cert_file, key_file = tls_files
    command = [
        sys.executable,
        "-m",
        "signalwire_typed.cli",
        "emulator",
        "--port",
        "0",
        "--tls-cert",
        str(cert_file),
        "--tls-key",
        str(key_file),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("RELAY emulator ready on wss://127.0.0.1:"), line
        url = line.split()[4]
        context = ssl.create_default_context(cafile=os.environ["SIGNALWIRE_RELAY_CA_FILE"])

        async def main() -> None:
            client = await RawClient.open(url, ssl_context=context)
            assert "result" in await client.connect()
            await client.close()

        run(main())
        process.terminate()
        assert process.wait(10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)


def test_official_python_client_dials_and_sends_a_message(tls_files: tuple[Path, Path]) -> None:
    cert_file, key_file = tls_files

    async def main() -> None:
        async with Emulator(tls_cert=cert_file, tls_key=key_file) as emulator:
            emulator.set_dial_outcome("+15550000001", "busy")
            client = RelayClient(project="proj", token="any", host=emulator.address, contexts=["office"])
            await client.connect()
            try:
                devices = [
                    [
                        {
                            "type": "phone",
                            "params": {"to_number": "+15550000001", "from_number": "+15551110000"},
                        }
                    ],
                    [
                        {
                            "type": "phone",
                            "params": {"to_number": "+15550000002", "from_number": "+15551110000"},
                        }
                    ],
                ]
                call = await client.dial(devices, tag="official-dial", dial_timeout=5)
                assert call.tag == "official-dial" and call.direction == "outbound"
                info = emulator.call_info(call.call_id)
                assert info.to_number == "+15550000002" and info.state == "answered"
                played = await (await call.play_tts("hello")).wait(5)
                assert played.params["state"] == "finished"
                await call.hangup()
                await call.wait_for_ended(5)
                message = await client.send_message(
                    to_number="+15552220000", from_number="+15551110000", body="hi", context="office"
                )
                await message.wait(5)
                assert message.state == "delivered"
                assert emulator.message_info(message.message_id)["body"] == "hi"
            finally:
                await client.disconnect()

    run(main())
