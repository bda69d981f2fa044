"""Every operation of every REST spec: reachable on both clients, and called once each way
against the validating server (which checks each request with openapi-core)."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import pytest
from signalwire_typed.rest import AsyncPager, AsyncRestClient, RestClient, SyncPager

from codegen.rest_facade import Op, Resource, mounts

from .conftest import async_client
from .server import SpecServer
from .spec_data import _UUID, Synth, facade_bundle, full_bundle, operations, spec_stems

CASES = [(stem, r, op) for stem in spec_stems() for r, op in operations(stem)]
IDS = [f"{stem}.{r.tag}.{op.name}" for stem, r, op in CASES]


def resource_of(client: RestClient | AsyncRestClient, stem: str, r: Resource) -> Any:
    for m in mounts(facade_bundle(stem), stem):
        if m.cls == r.cls:
            return getattr(client, m.attr)
        if m.cls == "Namespace":
            return getattr(getattr(client, m.attr), r.tag)
    raise AssertionError(f"{stem}.{r.tag} is mounted nowhere")


def call_args(stem: str, op: Op) -> tuple[list[Any], dict[str, Any]]:
    synth = Synth(full_bundle(stem))
    body = synth.value({"$ref": f"#/components/schemas/{op.body_schema}"}) if op.body_schema else {}
    params = body.get("params", {}) if isinstance(body, dict) else {}
    positional: list[Any] = []
    kwargs: dict[str, Any] = {}
    for a in op.args:
        if a.where == "path":
            value = synth.value(a.schema)
            positional.append(value if isinstance(value, str) and value != "x" else _UUID)
        elif a.where == "query":
            if a.required:
                kwargs[a.name] = synth.value(a.schema)
        elif op.body_whole:
            kwargs["body"] = body
        elif a.where == "body" and a.key in body:
            kwargs[a.name] = body[a.key]
        elif a.where == "params" and a.key in params:
            kwargs[a.name] = params[a.key]
    return positional, kwargs


def test_every_spec_operation_has_a_method() -> None:
    total = 0
    for stem in spec_stems():
        doc = full_bundle(stem)
        ids = {
            op["operationId"]
            for item in doc["paths"].values()
            for op in item.values()
            if isinstance(op, dict) and "operationId" in op
        }
        covered = {op.op_id for _, op in operations(stem)}
        assert ids == covered, stem
        total += len(ids)
    assert total >= 6


@pytest.mark.parametrize(("stem", "resource", "op"), CASES, ids=IDS)
def test_reachable_on_both_clients(server: SpecServer, stem: str, resource: Resource, op: Op) -> None:
    sync = RestClient(project="p", token="t", base_url=server.base_url)
    asyn = AsyncRestClient(project="p", token="t", base_url=server.base_url)
    sync_method = getattr(resource_of(sync, stem, resource), op.name)
    async_method = getattr(resource_of(asyn, stem, resource), op.name)
    assert callable(sync_method)
    assert not inspect.iscoroutinefunction(sync_method)
    # Pagers are returned directly (async for); everything else is awaited.
    assert inspect.iscoroutinefunction(async_method) == (op.page_item is None)
    sync.close()


def _check_result(result: Any, op: Op) -> None:
    if op.returns is None:
        assert result is None
    elif op.page_item is None:
        assert result is not None
        if not isinstance(result, str):
            assert hasattr(result, "to_dict"), type(result)


@pytest.mark.parametrize(("stem", "resource", "op"), CASES, ids=IDS)
def test_call_sync(server: SpecServer, client: RestClient, stem: str, resource: Resource, op: Op) -> None:
    positional, kwargs = call_args(stem, op)
    result = getattr(resource_of(client, stem, resource), op.name)(*positional, **kwargs)
    if isinstance(result, SyncPager):
        items = list(result)
        assert items and all(hasattr(i, "to_dict") for i in items)
    _check_result(result, op)
    assert not server.errors, server.errors
    assert [s.operation_id for s in server.seen] == [op.op_id]
    if op.fixed:
        assert server.seen[0].body["command"] == op.fixed["command"].strip('"')


@pytest.mark.parametrize(("stem", "resource", "op"), CASES, ids=IDS)
def test_call_async(server: SpecServer, stem: str, resource: Resource, op: Op) -> None:
    positional, kwargs = call_args(stem, op)

    async def run() -> Any:
        async with async_client(server) as client:
            result = getattr(resource_of(client, stem, resource), op.name)(*positional, **kwargs)
            if isinstance(result, AsyncPager):
                items = [item async for item in result]
                assert items
                return result
            return await result

    result = asyncio.run(asyncio.wait_for(run(), timeout=10))
    _check_result(result, op)
    assert not server.errors, server.errors
    assert [s.operation_id for s in server.seen] == [op.op_id]
