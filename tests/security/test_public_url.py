"""The URL a signature covers, rebuilt from ASGI scopes as servers and platforms pass them."""

from __future__ import annotations

from typing import Any

from signalwire_typed.security import public_url


def scope(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "type": "http",
        "scheme": "http",
        "path": "/agent/swaig",
        "query_string": b"__token=1.2.3",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1:8080")],
        "server": ("127.0.0.1", 8080),
    }
    base.update(extra)
    return base


def test_host_header_scheme_path_and_query() -> None:
    assert public_url(scope()) == "http://127.0.0.1:8080/agent/swaig?__token=1.2.3"


def test_raw_path_keeps_the_encoding_that_was_sent() -> None:
    s = scope(path="/a b/é", raw_path=b"/a%20b/%C3%A9", query_string=b"")
    assert public_url(s) == "http://127.0.0.1:8080/a%20b/%C3%A9"
    # Without raw_path (Mangum), the decoded path is re-encoded.
    assert public_url(scope(path="/a b/é", query_string=b"")) == "http://127.0.0.1:8080/a%20b/%C3%A9"


def test_forwarded_headers_only_when_trusted() -> None:
    headers = [
        (b"host", b"10.0.0.5"),
        (b"x-forwarded-host", b"voice.example.com, internal"),
        (b"x-forwarded-proto", b"https,http"),
    ]
    assert public_url(scope(headers=headers)) == "http://10.0.0.5/agent/swaig?__token=1.2.3"
    trusted = public_url(scope(headers=headers), trust_proxy=True)
    assert trusted == "https://voice.example.com/agent/swaig?__token=1.2.3"


def test_proxy_base_replaces_scheme_host_and_mount_prefix() -> None:
    s = scope(path="/mount/agent/swaig", root_path="/mount")
    url = public_url(s, proxy_base="https://voice.example.com/base/")
    assert url == "https://voice.example.com/base/agent/swaig?__token=1.2.3"


def test_without_a_host_header_the_server_address_is_used() -> None:
    assert public_url(scope(headers=[], server=("api.local", 443), scheme="https")) == (
        "https://api.local/agent/swaig?__token=1.2.3"
    )
    assert public_url(scope(headers=[], server=None)) == "http://localhost/agent/swaig?__token=1.2.3"
