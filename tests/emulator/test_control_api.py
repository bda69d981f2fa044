"""The HTTP control API on the WebSocket's port, the in-process control from other threads, the
pytest fixture, and the CLI run as a real subprocess."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from signalwire_typed.emulator import Emulator, Timing
from signalwire_typed.emulator.pytest_plugin import EmulatorFactory

from .raw_client import RawClient, run


def test_http_control_api_drives_a_call() -> None:
    async def main() -> None:
        async with Emulator() as emulator, httpx.AsyncClient(base_url=emulator.http_url, timeout=5) as http:
            client = await RawClient.open(emulator.url)
            await client.connect(contexts=["office"])
            rung = await http.post(
                "/emulator/calls", json={"context": "office", "from": "+1555", "to": "+1666"}
            )
            assert rung.status_code == 201
            call_id = rung.json()["call_id"]
            receive = await client.event("calling.call.receive")
            assert receive["params"]["device"]["params"] == {"from_number": "+1555", "to_number": "+1666"}
            await client.call("calling.answer", call_id=call_id, node_id=receive["params"]["node_id"])
            await client.event("calling.call.state")
            await client.call("calling.collect", call_id=call_id, digits={"max": 1}, initial_timeout=60)
            assert (
                await http.post(f"/emulator/calls/{call_id}/digits", json={"digits": "7"})
            ).status_code == 200
            collected = await client.event("calling.call.collect")
            assert collected["params"]["result"]["params"]["digits"] == "7"
            await client.call("calling.collect", call_id=call_id, speech={}, initial_timeout=60)
            assert (
                await http.post(f"/emulator/calls/{call_id}/speech", json={"text": "yes"})
            ).status_code == 200
            assert (await client.event("calling.call.collect"))["params"]["result"]["params"]["text"] == "yes"
            assert (await http.post(f"/emulator/calls/{call_id}/hangup", json={})).status_code == 200
            ending = await client.event("calling.call.state")
            assert ending["params"]["call_state"] == "ending"
            await client.event("calling.call.state")
            info = (await http.get(f"/emulator/calls/{call_id}")).json()
            assert info["state"] == "ended" and info["end_reason"] == "hangup"
            assert [c["method"] for c in info["commands"]] == [
                "calling.answer",
                "calling.collect",
                "calling.collect",
            ]
            assert info["events"][0]["event_type"] == "calling.call.receive"
            assert [c["call_id"] for c in (await http.get("/emulator/calls")).json()["calls"]] == [call_id]
            # Too late for digits, and bad input is named.
            late = await http.post(f"/emulator/calls/{call_id}/digits", json={"digits": "1"})
            assert late.status_code == 409 and "ended" in late.json()["error"]
            await client.close()

    run(main())


def test_http_control_api_rejects_bad_requests_with_reasons() -> None:
    async def main() -> None:
        async with Emulator() as emulator, httpx.AsyncClient(base_url=emulator.http_url, timeout=5) as http:
            missing = await http.post("/emulator/calls", json={"context": "office"})
            assert missing.status_code == 400 and "body.from" in missing.json()["error"]
            not_json = await http.post(
                "/emulator/calls", content=b"{nope", headers={"content-type": "application/json"}
            )
            assert not_json.status_code == 400 and "not valid JSON" in not_json.json()["error"]
            unknown = await http.get("/emulator/calls/nope")
            assert unknown.status_code == 404 and "nope" in unknown.json()["error"]
            no_route = await http.get("/elsewhere")
            assert no_route.status_code == 404
            wrong_method = await http.delete("/emulator/calls")
            assert wrong_method.status_code == 405
            call_id = (
                await http.post("/emulator/calls", json={"context": "c", "from": "a", "to": "b"})
            ).json()["call_id"]
            bad_digits = await http.post(f"/emulator/calls/{call_id}/digits", json={"digits": "12x"})
            assert bad_digits.status_code == 400 and "DTMF" in bad_digits.json()["error"]
            bad_fail = await http.post("/emulator/messages/fail-next", json={"state": "lost"})
            assert bad_fail.status_code == 400
            bad_outcome = await http.post(
                "/emulator/dial-outcomes", json={"number": "+1", "outcome": "maybe"}
            )
            assert bad_outcome.status_code == 400 and "outcome" in bad_outcome.json()["error"]
            assert (await http.get("/emulator/health")).json() == {"ok": True}

    run(main())


def test_http_messages_and_delivery_failure() -> None:
    async def main() -> None:
        async with Emulator() as emulator, httpx.AsyncClient(base_url=emulator.http_url, timeout=5) as http:
            client = await RawClient.open(emulator.url)
            await client.connect(contexts=["office"])
            posted = await http.post(
                "/emulator/messages",
                json={
                    "context": "office",
                    "from": "+1555",
                    "to": "+1666",
                    "body": "hi",
                    "media": ["https://m/1"],
                },
            )
            assert posted.status_code == 201
            received = await client.event("messaging.receive")
            assert received["params"]["message_id"] == posted.json()["message_id"]
            assert received["params"]["body"] == "hi"
            assert (
                await http.post("/emulator/messages/fail-next", json={"state": "failed"})
            ).status_code == 200
            sent = await client.call(
                "messaging.send", context="office", from_number="+1666", to_number="+1555", body="re"
            )
            events = [await client.event("messaging.state") for _ in range(3)]
            assert events[-1]["params"]["message_state"] == "failed"
            info = (await http.get(f"/emulator/messages/{sent['message_id']}")).json()
            assert info["states"] == ["queued", "initiated", "failed"]
            assert (await http.post("/emulator/raw", json={"text": "{oops"})).json() == {"sent": 1}
            assert (await client.other.get()) == {"invalid": "{oops"}
            bad_restart = await http.post("/emulator/disconnect", json={"restart": "yes"})
            assert bad_restart.status_code == 400
            assert (await http.post("/emulator/disconnect", json={})).json() == {"asked": 1}
            assert (await client.other.get())["method"] == "signalwire.disconnect"
            assert (await http.post("/emulator/drop")).json() == {"dropped": 1}
            await client.close()

    run(main())


def test_control_from_another_thread_and_errors_name_the_problem() -> None:
    with Emulator() as emulator:
        results: list[str] = []
        thread = threading.Thread(target=lambda: results.append(emulator.ring("office")))
        thread.start()
        thread.join(5)
        assert emulator.call_info(results[0]).state == "ringing"
        with pytest.raises(KeyError, match="nope"):
            emulator.call_info("nope")
        with pytest.raises(ValueError, match="DTMF"):
            emulator.send_digits(results[0], "x")
        with pytest.raises(ValueError, match="body, media or both"):
            emulator.inbound_message("office", "+1", "+2")
    with pytest.raises(RuntimeError, match="not running"):
        emulator.ring("office")
    with pytest.raises(ValueError, match="both project and token"):
        Emulator(project="p")
    with pytest.raises(ValueError, match="both tls_cert and tls_key"):
        Emulator(tls_cert="cert.pem")
    with pytest.raises(ValueError, match=r"Timing.time_scale must be a non-negative number"):
        Timing(time_scale=-1)


def test_relay_emulator_fixture(relay_emulator: Emulator) -> None:
    async def main() -> None:
        client = await RawClient.open(relay_emulator.url)
        await client.connect(contexts=["office"])
        call_id = relay_emulator.ring("office")
        assert (await client.event("calling.call.receive"))["params"]["call_id"] == call_id
        await client.close()

    run(main())


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_cli_prints_one_ready_line_serves_and_stops_on_a_signal(stop_signal: signal.Signals) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [
        sys.executable,
        "-m",
        "signalwire_typed.cli",
        "emulator",
        "--port",
        "0",
        "--project",
        "p",
        "--token",
        "t",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("RELAY emulator ready on ws://127.0.0.1:"), line
        url = line.split()[4]
        http_url = url.replace("ws://", "http://")
        assert httpx.get(f"{http_url}/emulator/health", timeout=5).json() == {"ok": True}

        async def main() -> None:
            client = await RawClient.open(url)
            assert (await client.connect(project="p", token="nope"))["error"]["code"] == -32002
            await client.close()

        run(main())
        process.send_signal(stop_signal)
        assert process.wait(10) == 0
        assert process.stdout.read() == ""
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)


def test_cli_rejects_half_credentials() -> None:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "signalwire_typed.cli", "emulator", "--project", "p"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2 and "--token" in done.stderr
    assert time.monotonic() - started < 30


def test_make_relay_emulator_fixture_with_credentials(make_relay_emulator: EmulatorFactory) -> None:
    emulator = make_relay_emulator(project="p", token="secret")
    other = make_relay_emulator()
    assert emulator.port != other.port

    async def main() -> None:
        client = await RawClient.open(emulator.url)
        assert (await client.connect(project="p", token="nope"))["error"]["code"] == -32002
        assert "result" in await client.connect(project="p", token="secret")
        await client.close()

    run(main())


def test_server_pings_sessions_and_recordings() -> None:
    async def main() -> None:
        async with (
            Emulator(ping_interval=0.02) as emulator,
            httpx.AsyncClient(base_url=emulator.http_url) as http,
        ):
            client = await RawClient.open(emulator.url)
            await client.connect(contexts=["office"], major=2)
            for _ in range(3):
                frame = await asyncio.wait_for(client.other.get(), 5)
                assert frame["method"] == "signalwire.ping"
            for _ in range(100):
                if emulator.sessions()[0].pongs >= 3:
                    break
                await asyncio.sleep(0.01)
            (session,) = emulator.sessions()
            assert session.pongs >= 3 and session.connected and session.contexts == ("office",)
            assert session.agent == "tests/raw" and session.connects == 1
            listed = (await http.get("/emulator/sessions")).json()["sessions"]
            assert listed[0]["protocol"] == client.protocol and listed[0]["contexts"] == ["office"]
            wav = await http.get("/emulator/recordings/abc.wav")
            assert wav.status_code == 200 and wav.headers["content-type"] == "audio/wav"
            assert wav.content[:4] == b"RIFF" and wav.content[8:12] == b"WAVE"
            await client.close()
        with pytest.raises(ValueError, match="ping_interval"):
            Emulator(ping_interval=0)

    run(main())


def test_event_delay_spaces_events_in_order() -> None:
    async def main() -> None:
        async with Emulator(timing=Timing(event_delay=0.03)) as emulator:
            client = await RawClient.open(emulator.url)
            await client.connect(contexts=["office"])
            call_id = emulator.ring("office")
            await client.event("calling.call.receive")
            started = time.monotonic()
            await client.call(
                "calling.play", call_id=call_id, play=[{"type": "tts", "params": {"text": "x"}}]
            )
            playing = await client.event("calling.call.play")
            finished = await client.event("calling.call.play")
            assert [playing["params"]["state"], finished["params"]["state"]] == ["playing", "finished"]
            assert time.monotonic() - started >= 0.05
            await client.close()

    run(main())


def test_cli_names_a_missing_certificate_and_a_busy_port(tmp_path: Path) -> None:
    missing = subprocess.run(
        [
            sys.executable,
            "-m",
            "signalwire_typed.cli",
            "emulator",
            "--port",
            "0",
            "--tls-cert",
            str(tmp_path / "nope.pem"),
            "--tls-key",
            str(tmp_path / "nope.key"),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert missing.returncode == 1 and "cannot load the TLS certificate" in missing.stderr
    with Emulator() as emulator:
        busy = subprocess.run(
            [sys.executable, "-m", "signalwire_typed.cli", "emulator", "--port", str(emulator.port)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert busy.returncode == 1 and f"cannot listen on 127.0.0.1:{emulator.port}" in busy.stderr
