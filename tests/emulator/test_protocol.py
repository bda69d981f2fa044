"""signalwire.* over a real loopback WebSocket: auth, JWT, ping, bad frames, unknown methods."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest
import websockets
from signalwire_typed.emulator import Emulator
from signalwire_typed.emulator.calling import commands

from .raw_client import RawClient, run


def _jwt(claims: dict[str, str], key: str) -> str:
    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64(json.dumps(claims).encode())
    signature = hmac.new(key.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64(signature)}"


def test_connect_result_carries_protocol_and_authorization() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            for path in ("", "/api/relay/wss"):
                client = await RawClient.open(emulator.url + path)
                frame = await client.connect(project="proj", token="any", major=2)
                result = frame["result"]
                assert result["protocol"].startswith("signalwire_")
                assert result["identity"].startswith("proj@")
                assert result["ice_servers"] == []
                auth = result["authorization"]
                assert auth["project_id"] == "proj"
                assert "calling" in auth["scopes"] and "messaging" in auth["scopes"]
                assert auth["space_id"] == emulator.space_id
                await client.close()

    run(main())


def test_with_credentials_only_that_pair_is_accepted() -> None:
    async def main() -> None:
        async with Emulator(project="proj", token="secret") as emulator:
            client = await RawClient.open(emulator.url)
            bad = await client.connect(project="proj", token="wrong")
            assert bad["error"] == {
                "code": -32002,
                "message": "Authentication service failed with status ProtocolError, 401 Unauthorized: {}",
            }
            # Not authenticated: other methods are refused with a clear error.
            refused = await client.request("signalwire.receive", {"contexts": ["office"]})
            assert refused["error"]["code"] == -32000
            assert "signalwire.connect first" in refused["error"]["message"]
            other = await client.connect(project="other", token="secret")
            assert other["error"]["code"] == -32002
            good = await client.connect(project="proj", token="secret")
            assert good["result"]["authorization"]["project_id"] == "proj"
            await client.close()

    run(main())


def test_jwt_signed_with_the_token_is_accepted_and_a_forged_one_is_not() -> None:
    async def main() -> None:
        async with Emulator(project="proj", token="secret") as emulator:
            client = await RawClient.open(emulator.url)
            version = {"major": 3, "minor": 0, "revision": 0}
            forged = await client.request(
                "signalwire.connect",
                {"version": version, "authentication": {"jwt_token": _jwt({"project_id": "proj"}, "guess")}},
            )
            assert forged["error"]["code"] == -32002
            garbage = await client.request(
                "signalwire.connect", {"version": version, "authentication": {"jwt_token": "not-a-jwt"}}
            )
            assert garbage["error"]["code"] == -32002
            good = await client.request(
                "signalwire.connect",
                {"version": version, "authentication": {"jwt_token": _jwt({"project_id": "proj"}, "secret")}},
            )
            assert good["result"]["authorization"]["project_id"] == "proj"
            await client.close()

    run(main())


def test_without_credentials_any_pair_and_any_wellformed_jwt_is_accepted() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            client = await RawClient.open(emulator.url)
            frame = await client.request(
                "signalwire.connect",
                {"version": {"major": 3}, "authentication": {"jwt_token": _jwt({"sub": "someone"}, "k")}},
            )
            assert frame["result"]["authorization"]["project_id"] == "someone"
            empty = {"version": {"major": 3}, "authentication": {}}
            missing = await client.request("signalwire.connect", empty)
            assert missing["error"]["code"] == -32002
            no_version = await client.request(
                "signalwire.connect", {"authentication": {"project": "p", "token": "t"}}
            )
            assert no_version["result"]["code"] == "400"
            assert "params.version" in no_version["result"]["message"]
            await client.close()

    run(main())


def test_ping_both_ways() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            client = await RawClient.open(emulator.url)
            await client.connect()
            pong = await client.request("signalwire.ping", {})
            assert isinstance(pong["result"]["timestamp"], float)
            assert emulator.ping() == 1
            frame = await client.other.get()
            assert frame["method"] == "signalwire.ping"
            await client.close()

    run(main())


def test_bad_frames_get_jsonrpc_errors_and_the_connection_survives() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            client = await RawClient.open(emulator.url)
            await client.connect()
            await client.ws.send("this is not json")
            assert (await client.other.get())["error"]["code"] == -32700
            await client.ws.send("[1, 2]")
            assert (await client.other.get())["error"]["code"] == -32600
            await client.ws.send(json.dumps({"id": "x", "method": "signalwire.ping"}))
            missing_version = await client.other.get()
            assert missing_version["id"] == "x" and missing_version["error"]["code"] == -32600
            await client.ws.send(b"\x00binary")
            assert "binary" in (await client.other.get())["error"]["message"]
            bad_params = await client.request("calling.answer", [1])  # type: ignore[arg-type]
            assert bad_params["error"]["code"] == -32602
            unknown = await client.request("calling.fly", {})
            assert unknown["error"] == {"code": -32601, "message": "Method not found: calling.fly"}
            # Still serving.
            assert "result" in await client.request("signalwire.ping", {})
            await client.close()

    run(main())


def test_calling_commands_name_what_is_wrong() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            client = await RawClient.open(emulator.url)
            await client.connect(contexts=["office"])
            no_call = await client.request("calling.answer", {"node_id": "n"})
            assert no_call["result"] == {
                "code": "400",
                "message": "calling.answer: params.call_id must be a non-empty string, got null",
            }
            unknown = await client.request("calling.answer", {"node_id": "n", "call_id": "nope"})
            assert unknown["result"]["code"] == "404" and "nope" in unknown["result"]["message"]
            call_id = emulator.ring("office")
            await client.event("calling.call.receive")
            bad_media = await client.request(
                "calling.play", {"call_id": call_id, "play": [{"type": "video", "params": {}}]}
            )
            assert bad_media["result"]["code"] == "400"
            assert "params.play[0].type" in bad_media["result"]["message"]
            bad_max = {"call_id": call_id, "digits": {"max": "x"}}
            bad_collect = await client.request("calling.collect", bad_max)
            assert "params.digits.max must be a non-negative integer" in bad_collect["result"]["message"]
            await client.close()

    run(main())


def test_http_on_the_websocket_path_and_unknown_websocket_paths() -> None:
    async def main() -> None:
        async with Emulator() as emulator:
            with pytest.raises(websockets.InvalidStatus) as refused:
                await websockets.connect(emulator.url + "/elsewhere")
            assert refused.value.response.status_code == 404

    run(main())


def test_a_failing_handler_answers_internal_error_and_keeps_the_connection(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object) -> dict[str, object]:
        raise RuntimeError("boom")

    monkeypatch.setitem(commands.HANDLERS, "calling.hold", broken)

    async def main() -> None:
        async with Emulator() as emulator:
            client = await RawClient.open(emulator.url)
            await client.connect()
            frame = await client.request("calling.hold", {"call_id": "x"})
            assert frame["error"]["code"] == -32603 and "boom" in frame["error"]["message"]
            assert "result" in await client.request("signalwire.ping", {})
            await client.close()

    run(main())
    assert any("calling.hold" in r.getMessage() for r in caplog.records)
