"""The client with the ``relay_emulator`` pytest fixture users get, and over wss with a private CA."""

from __future__ import annotations

from pathlib import Path

import pytest
import trustme
from signalwire_typed.emulator import Emulator
from signalwire_typed.emulator.pytest_plugin import EmulatorFactory
from signalwire_typed.relay import Call, RelayClient

from .harness import Inbox, run


def test_with_the_relay_emulator_fixture(relay_emulator: Emulator) -> None:
    async def main() -> None:
        client = RelayClient(project="p", token="t", host=relay_emulator.url, contexts=["office"])
        inbox = Inbox(client)
        async with client:
            call_id = relay_emulator.ring("office")
            call = await inbox.call()
            await call.answer()
            prompt = await call.prompt_tts("Press a key", {"digits": {"max": 1, "digit_timeout": 5.0}})
            relay_emulator.send_digits(call_id, "7")
            result = (await prompt.wait(5)).params.result
            assert result is not None and result.params is not None and result.params.digits == "7"
            await call.hangup()
            await call.wait_for_ended(timeout=5)
        assert relay_emulator.call_info(call_id).state == "ended"

    run(main())


def test_wss_with_host_port_and_the_ca_file_variable(
    make_relay_emulator: EmulatorFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ca = trustme.CA()
    issued = ca.issue_cert("127.0.0.1")
    cert, key, ca_file = tmp_path / "cert.pem", tmp_path / "key.pem", tmp_path / "ca.pem"
    issued.cert_chain_pems[0].write_to_path(str(cert))
    issued.private_key_pem.write_to_path(str(key))
    ca.cert_pem.write_to_path(str(ca_file))
    emulator = make_relay_emulator(tls_cert=cert, tls_key=key)

    async def main() -> None:
        # host[:port] means wss, trusting the CA bundle named by SIGNALWIRE_RELAY_CA_FILE.
        client = RelayClient(project="p", token="t", host=emulator.address, contexts=["office"])
        assert client.url == f"wss://{emulator.address}"
        answered: list[Call] = []
        inbox = Inbox(client)
        async with client:
            emulator.ring("office")
            call = await inbox.call()
            await call.answer()
            answered.append(call)
        assert len(answered) == 1

    async def untrusted() -> None:
        client = RelayClient(project="p", token="t", host=emulator.address)
        with pytest.raises(OSError, match="CERTIFICATE_VERIFY_FAILED"):
            await client.connect()

    run(untrusted())
    monkeypatch.setenv("SIGNALWIRE_RELAY_CA_FILE", str(ca_file))
    run(main())
