"""The sans-I/O RELAY protocol core, frame by frame, without a network."""

from __future__ import annotations

import json

import pytest
from signalwire_typed.relay.errors import AuthenticationError, ConnectionLostError, RequestError
from signalwire_typed.relay.protocol import (
    Connected,
    EventReceived,
    Failure,
    FrameRejected,
    RelayProtocol,
    Reply,
    ServerDisconnect,
)


def decode(params: dict[str, object]) -> tuple[str, object]:
    if params.get("event_type") == "bad.event":
        raise ValueError("$.params.x: expected string, got integer")
    return (str(params["event_type"]), params["params"])


def make(contexts: tuple[str, ...] = ("office",)) -> RelayProtocol[tuple[str, object]]:
    return RelayProtocol(credentials={"project": "p", "token": "t"}, decode=decode, contexts=contexts)


def frame(obj: object) -> str:
    return json.dumps(obj)


def event(event_id: str, event_type: str, **params: object) -> str:
    return frame(
        {
            "jsonrpc": "2.0",
            "id": event_id,
            "method": "signalwire.event",
            "params": {
                "event_type": event_type,
                "event_channel": "ch",
                "timestamp": 1.5,
                "project_id": "p",
                "space_id": "s",
                "params": params,
            },
        }
    )


def reply(rid: str, result: object) -> str:
    return frame({"jsonrpc": "2.0", "id": rid, "result": result})


def error(rid: str, code: int, message: str) -> str:
    return frame({"jsonrpc": "2.0", "id": rid, "error": {"code": code, "message": message}})


def server_request(rid: object, method: str, params: object) -> str:
    return frame({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})


def connected(proto: RelayProtocol[tuple[str, object]], protocol: str = "signalwire_abc") -> Connected:
    rid, _ = proto.connect()
    got = proto.receive(reply(rid, {"protocol": protocol, "identity": "i"}))
    assert isinstance(got, Connected)
    return got


def test_connect_frame_carries_credentials_contexts_and_version() -> None:
    proto = make()
    rid, raw = proto.connect()
    msg = json.loads(raw)
    assert msg["id"] == rid and msg["jsonrpc"] == "2.0" and msg["method"] == "signalwire.connect"
    params = msg["params"]
    assert params["authentication"] == {"project": "p", "token": "t"}
    assert params["contexts"] == ["office"]
    assert params["event_acks"] is True
    assert params["version"] == {"major": 2, "minor": 0, "revision": 0}
    assert "protocol" not in params


def test_connect_result_is_remembered_and_resent_to_resume() -> None:
    proto = make()
    first = connected(proto)
    assert first.protocol == "signalwire_abc" and not first.resumed
    assert proto.protocol == "signalwire_abc" and proto.connected
    proto.connection_lost()
    assert not proto.connected
    _, raw = proto.connect()
    assert json.loads(raw)["params"]["protocol"] == "signalwire_abc"
    again = connected(proto)
    assert again.resumed


def test_new_protocol_from_server_means_a_fresh_session() -> None:
    proto = make()
    connected(proto, "signalwire_one")
    proto.connection_lost()
    fresh = connected(proto, "signalwire_two")
    assert not fresh.resumed and proto.protocol == "signalwire_two"


def test_connect_error_is_an_authentication_error() -> None:
    proto = make()
    rid, _ = proto.connect()
    got = proto.receive(
        frame({"jsonrpc": "2.0", "id": rid, "error": {"code": -32002, "message": "Authentication failed"}})
    )
    assert isinstance(got, Failure)
    assert isinstance(got.error, AuthenticationError)
    assert got.error.code == "-32002"
    assert "signalwire.connect failed with code -32002: Authentication failed" in str(got.error)


def test_request_reply_correlated_by_id() -> None:
    proto = make()
    connected(proto)
    a, raw_a = proto.request("calling.answer", {"node_id": "n", "call_id": "c"})
    b, _ = proto.request("calling.play", {"node_id": "n", "call_id": "c"})
    assert a != b
    assert json.loads(raw_a)["params"] == {"node_id": "n", "call_id": "c"}
    got_b = proto.receive(frame({"jsonrpc": "2.0", "id": b, "result": {"code": "200", "message": "ok"}}))
    got_a = proto.receive(frame({"jsonrpc": "2.0", "id": a, "result": {"code": "201", "message": "ok"}}))
    assert isinstance(got_b, Reply) and got_b.method == "calling.play" and got_b.request_id == b
    assert isinstance(got_a, Reply) and got_a.method == "calling.answer" and got_a.result["code"] == "201"


@pytest.mark.parametrize("code", ["404", "500", "199", "2000", "abc"])
def test_non_2xx_code_is_a_request_error(code: str) -> None:
    proto = make()
    rid, _ = proto.request("calling.play", {})
    got = proto.receive(reply(rid, {"code": code, "message": "Call not found"}))
    assert isinstance(got, Failure)
    assert isinstance(got.error, RequestError)
    assert got.error.method == "calling.play" and got.error.code == code
    assert str(got.error) == f"calling.play failed with code {code}: Call not found"


def test_json_rpc_error_is_a_request_error() -> None:
    proto = make()
    rid, _ = proto.request("calling.nope", {})
    got = proto.receive(error(rid, -32601, "no method"))
    assert isinstance(got, Failure) and isinstance(got.error, RequestError)
    assert not isinstance(got.error, AuthenticationError)
    assert got.error.code == "-32601"


def test_result_that_is_not_an_object_fails_the_request() -> None:
    proto = make()
    rid, _ = proto.request("calling.play", {})
    got = proto.receive(frame({"jsonrpc": "2.0", "id": rid, "result": [1]}))
    assert isinstance(got, Failure) and "result is not an object" in str(got.error)


def test_answer_to_unknown_or_forgotten_id_is_rejected() -> None:
    proto = make()
    rid, _ = proto.request("calling.play", {})
    proto.forget(rid)
    got = proto.receive(frame({"jsonrpc": "2.0", "id": rid, "result": {"code": "200"}}))
    assert isinstance(got, FrameRejected) and "unknown request id" in got.reason


def test_event_is_acked_decoded_and_exposes_raw_params() -> None:
    proto = make()
    got = proto.receive(event("e1", "calling.call.play", call_id="c1", control_id="k1", state="playing"))
    assert isinstance(got, EventReceived)
    assert got.event_type == "calling.call.play"
    assert got.event == ("calling.call.play", {"call_id": "c1", "control_id": "k1", "state": "playing"})
    assert got.params["control_id"] == "k1"
    assert [json.loads(f) for f in proto.data_to_send()] == [{"jsonrpc": "2.0", "id": "e1", "result": {}}]
    assert proto.data_to_send() == []


def test_redelivered_event_is_acked_again_but_handed_over_once() -> None:
    proto = make()
    assert isinstance(proto.receive(event("e1", "calling.call.state", call_id="c")), EventReceived)
    proto.data_to_send()
    assert proto.receive(event("e1", "calling.call.state", call_id="c")) is None
    assert [json.loads(f)["id"] for f in proto.data_to_send()] == ["e1"]


def test_ping_is_answered() -> None:
    proto = make()
    assert proto.receive(server_request(7, "signalwire.ping", {})) is None
    assert [json.loads(f) for f in proto.data_to_send()] == [{"jsonrpc": "2.0", "id": 7, "result": {}}]


def test_client_ping_round_trip() -> None:
    proto = make()
    rid, raw = proto.ping()
    assert json.loads(raw)["method"] == "signalwire.ping"
    assert isinstance(proto.receive(frame({"jsonrpc": "2.0", "id": rid, "result": {}})), Reply)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("{not json", "not JSON"),
        (b"\xff\xfe", "not JSON"),
        (" ", "not JSON"),
        ('{"jsonrpc":"2.0","id":"a","result":{}} {"x":1}', "Extra data"),
        ('{"jsonrpc":"2.0","id":"a","result":{', "not JSON"),
        (b'{"id":"\xc3"}', "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"jsonrpc":"2.0","method":"signalwire.event","params":{}}', "without an id"),
        ('{"jsonrpc":"2.0","id":"x","method":"signalwire.event","params":3}', "without params object"),
        (server_request("y", "signalwire.event", {"params": {}}), "string event_type"),
        (server_request("z", "signalwire.event", {"event_type": "a.b"}), "params object"),
    ],
)
def test_malformed_frames_are_rejected_not_raised(data: str | bytes, reason: str) -> None:
    proto = make()
    got = proto.receive(data)
    assert isinstance(got, FrameRejected)
    assert reason in got.reason
    assert got.frame


def test_event_that_fails_to_decode_is_acked_and_rejected() -> None:
    proto = make()
    got = proto.receive(event("e9", "bad.event", x=1))
    assert isinstance(got, FrameRejected)
    assert "bad bad.event event: $.params.x: expected string" in got.reason
    assert [json.loads(f)["id"] for f in proto.data_to_send()] == ["e9"]


def test_long_malformed_frame_is_cut_in_the_report() -> None:
    got = make().receive("x" * 5000)
    assert isinstance(got, FrameRejected) and len(got.frame) < 300


def test_unknown_server_request_gets_a_json_rpc_error() -> None:
    proto = make()
    got = proto.receive(frame({"jsonrpc": "2.0", "id": "q", "method": "signalwire.weird", "params": {}}))
    assert isinstance(got, FrameRejected) and "signalwire.weird" in got.reason
    (reply,) = [json.loads(f) for f in proto.data_to_send()]
    assert reply["id"] == "q" and reply["error"]["code"] == -32601


def test_server_disconnect_with_restart_forgets_the_session() -> None:
    proto = make()
    connected(proto)
    got = proto.receive(frame({"jsonrpc": "2.0", "id": "d", "method": "signalwire.disconnect", "params": {}}))
    assert isinstance(got, ServerDisconnect) and not got.restart and proto.protocol == "signalwire_abc"
    got = proto.receive(
        frame({"jsonrpc": "2.0", "id": "d2", "method": "signalwire.disconnect", "params": {"restart": True}})
    )
    assert isinstance(got, ServerDisconnect) and got.restart and proto.protocol is None
    assert [json.loads(f)["id"] for f in proto.data_to_send()] == ["d", "d2"]


def test_connection_lost_fails_requests_in_flight() -> None:
    proto = make()
    connected(proto)
    a, _ = proto.request("calling.answer", {})
    failures = proto.connection_lost()
    assert [(f.request_id, f.method) for f in failures] == [(a, "calling.answer")]
    assert isinstance(failures[0].error, ConnectionLostError)
    assert "calling.answer" in str(failures[0].error)
    assert proto.connection_lost() == []


def test_subscribe_and_unsubscribe_track_contexts() -> None:
    proto = make(("office",))
    assert proto.subscribe(["office"]) is None
    _, raw = proto.subscribe(["sales", "office", "support"]) or ("", "")
    msg = json.loads(raw)
    assert msg["method"] == "signalwire.receive" and msg["params"] == {"contexts": ["sales", "support"]}
    assert proto.contexts == ("office", "sales", "support")
    _, raw = proto.unsubscribe(["sales", "nowhere"]) or ("", "")
    assert json.loads(raw) == {
        "jsonrpc": "2.0",
        "id": json.loads(raw)["id"],
        "method": "signalwire.unreceive",
        "params": {"contexts": ["sales"]},
    }
    assert proto.unsubscribe(["nowhere"]) is None
    # A reconnect subscribes what we have now.
    _, raw = proto.connect()
    assert json.loads(raw)["params"]["contexts"] == ["office", "support"]


def test_authorization_state_is_kept_for_reconnect() -> None:
    proto = make()
    connected(proto)
    proto.receive(event("a1", "signalwire.authorization.state", authorization_state="blob"))
    _, raw = proto.connect()
    assert json.loads(raw)["params"]["authorization_state"] == "blob"


def test_jwt_credentials() -> None:
    proto = RelayProtocol(credentials={"jwt_token": "ey.j.w"}, decode=decode)
    _, raw = proto.connect()
    params = json.loads(raw)["params"]
    assert params["authentication"] == {"jwt_token": "ey.j.w"}
    assert "contexts" not in params


def test_seen_event_memory_is_bounded() -> None:
    proto = make()
    for i in range(5000):
        proto.receive(event(f"e{i}", "calling.call.state", call_id="c"))
    assert len(proto._seen) == 4096
    # The oldest are forgotten, the newest still dropped when redelivered.
    assert proto.receive(event("e4999", "calling.call.state", call_id="c")) is None


def test_request_frames_are_compact_json_and_say_what_cannot_be_encoded() -> None:
    protocol = make()
    params: dict[str, object] = {
        "text": 'héllo "quoted"',
        "n": 1.5,
        "big": 10**20,
        "flag": None,
        "list": [1, "x"],
    }
    request_id, text = protocol.request("calling.play", params)  # type: ignore[arg-type]
    assert ": " not in text and ", " not in text
    assert json.loads(text) == {
        "jsonrpc": "2.0",
        "id": request_id,
        "method": "calling.play",
        "params": params,
    }
    with pytest.raises(TypeError, match="object of type set is not JSON serializable"):
        protocol.request("calling.play", {"bad": {1, 2}})  # type: ignore[dict-item]
    cycle: list[object] = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="circular reference"):
        protocol.request("calling.play", {"cycle": cycle})  # type: ignore[dict-item]
    # An encoder given to the protocol handles what json cannot, as before.
    custom = RelayProtocol(
        credentials={"project": "p", "token": "t"},
        decode=decode,
        encode=lambda v: sorted(v),  # type: ignore[arg-type]
    )
    _, text = custom.request("calling.play", {"set": {2, 1}})  # type: ignore[dict-item]
    assert json.loads(text)["params"] == {"set": [1, 2]}


def test_frames_with_whitespace_around_or_as_bytes_are_read() -> None:
    proto = make()
    connected(proto)
    for wrap in (lambda t: t, lambda t: f" \n{t}\r\n ", lambda t: t.encode(), lambda t: f"  {t}".encode()):
        rid, _ = proto.request("calling.answer", {"node_id": "n", "call_id": "c"})
        got = proto.receive(
            wrap(frame({"jsonrpc": "2.0", "id": rid, "result": {"code": "200", "message": "é"}}))
        )
        assert isinstance(got, Reply) and got.request_id == rid and got.result["message"] == "é"
