"""The two signature schemes, checked against published vectors and the official SDK's validator."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from signalwire.core.security.webhook_validator import validate_webhook_signature as official_validate
from signalwire_typed.security import (
    WebhookValidator,
    form_signature,
    json_signature,
    validate_request,
    validate_webhook_signature,
)

KEY = "PSK_test_signing_key"
URL = "https://agents.example.com/support/swaig?__token=abc"
BODY = b'{"function":"lookup","argument":{"parsed":[{"id":7}]},"call_id":"c-1"}'


def test_form_signature_matches_the_published_twilio_compatible_vector() -> None:
    params = {
        "CallSid": "CA1234567890ABCDE",
        "Caller": "+12349013030",
        "Digits": "1234",
        "From": "+12349013030",
        "To": "+18005551212",
    }
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    assert form_signature("12345", url, params) == "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    body = urlencode(params).encode()
    assert WebhookValidator("12345").validate(url, body, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")


def test_json_signature_is_accepted_by_the_official_sdk_and_by_ours() -> None:
    signature = json_signature(KEY, URL, BODY)
    assert len(signature) == 40 and signature == signature.lower()
    assert official_validate(KEY, signature, URL, BODY.decode())
    assert validate_webhook_signature(KEY, signature, URL, BODY)


def test_form_signature_is_accepted_by_the_official_sdk() -> None:
    params = [("To", "+15551230000"), ("From", "+15559870000"), ("CallSid", "CA1"), ("Digits", "")]
    signature = form_signature(KEY, "https://example.com/laml", params)
    assert official_validate(KEY, signature, "https://example.com/laml", urlencode(params))
    assert WebhookValidator(KEY).validate("https://example.com/laml", urlencode(params), signature)


def test_sha256_header_is_accepted_alone() -> None:
    sha256 = json_signature(KEY, URL, BODY, sha256=True)
    assert len(sha256) == 64
    assert WebhookValidator(KEY).validate(URL, BODY, None, sha256_signature=sha256)
    assert not WebhookValidator(KEY).validate(URL, BODY + b" ", None, sha256_signature=sha256)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (URL, BODY.replace(b"7", b"8")),  # tampered body
        ("https://agents.example.com/other/swaig?__token=abc", BODY),  # replayed to another URL
        ("https://agents.example.com/support/swaig?__token=abd", BODY),  # another query
        ("http://agents.example.com/support/swaig?__token=abc", BODY),  # another scheme
    ],
)
def test_anything_changed_fails(url: str, body: bytes) -> None:
    signature = json_signature(KEY, URL, BODY)
    assert not WebhookValidator(KEY).validate(url, body, signature)


def test_wrong_key_missing_and_garbage_signatures_fail() -> None:
    validator = WebhookValidator(KEY)
    assert not validator.validate(URL, BODY, json_signature("another key", URL, BODY))
    assert not validator.validate(URL, BODY, None)
    assert not validator.validate(URL, BODY, "")
    assert not validator.validate(URL, BODY, "ünïcode-garbage")
    assert not validator.validate(URL, b"\xff\xfe not utf-8", "x")


def test_default_port_may_be_present_or_not() -> None:
    signature = form_signature(KEY, "https://example.com:443/laml", {"A": "1"})
    assert WebhookValidator(KEY).validate("https://example.com/laml", b"A=1", signature)
    signature = json_signature(KEY, "https://example.com/hook", BODY)
    assert WebhookValidator(KEY).validate("https://example.com:443/hook", BODY, signature)
    # A non-default port is part of the URL.
    assert not WebhookValidator(KEY).validate("https://example.com:8443/hook", BODY, signature)


def test_repeated_form_names_keep_their_order() -> None:
    signature = form_signature(KEY, "https://e.com/x", [("b", "2"), ("a", "z"), ("a", "y")])
    assert signature == form_signature(KEY, "https://e.com/x", {"a": ["z", "y"], "b": "2"})
    assert signature != form_signature(KEY, "https://e.com/x", {"a": ["y", "z"], "b": "2"})


def test_json_body_on_a_cxml_url_needs_its_body_hash() -> None:
    import hashlib

    body_hash = hashlib.sha256(BODY).hexdigest()
    url = f"https://example.com/laml?bodySHA256={body_hash}"
    signature = form_signature(KEY, url, ())
    validator = WebhookValidator(KEY)
    assert validator.validate(url, BODY, signature)
    assert not validator.validate(url, BODY + b"x", signature)
    # Without a body hash, a URL-only signature cannot vouch for a body.
    bare = form_signature(KEY, "https://example.com/laml", ())
    assert not validator.validate("https://example.com/laml", BODY, bare)


def test_an_empty_key_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="signing key is empty"):
        WebhookValidator("")


def test_validate_request_takes_a_raw_body_or_parsed_form_params() -> None:
    form = {"CallSid": "CA1", "Digits": "12"}
    signature = form_signature(KEY, "https://example.com/laml", form)
    assert validate_request(KEY, signature, "https://example.com/laml", form)
    assert validate_request(KEY, signature, "https://example.com:443/laml", list(form.items()))
    assert validate_request(KEY, signature, "https://example.com/laml", urlencode(form))
    assert not validate_request(KEY, signature, "https://example.com/laml", {**form, "Digits": "13"})
    assert not validate_request(KEY, None, "https://example.com/laml", form)


def test_sha256_header_over_the_middleware_path() -> None:
    from signalwire_typed.security import SignatureGuard

    guard = SignatureGuard(KEY)
    scope = {"scheme": "https", "path": "/hook", "query_string": b"", "headers": [(b"host", b"e.com")]}
    sha256 = json_signature(KEY, "https://e.com/hook", BODY, sha256=True)
    scope["headers"].append((b"x-signalwire-sha256-signature", sha256.encode()))
    assert guard.verify(scope, BODY)
    assert not guard.verify(scope, BODY + b"x")
