"""The Datasphere namespace and the calling command that answers text, against the validating server."""

from __future__ import annotations

import asyncio

import pytest
from signalwire_typed.rest import RestClient, SyncPager
from signalwire_typed.swml import ValidationError as DataError
from signalwire_typed_gen.rest.datasphere.models.datasphere_chunk import DatasphereChunk
from signalwire_typed_gen.rest.datasphere.models.datasphere_search_result import DatasphereSearchResult

from .conftest import async_client
from .server import Scripted, SpecServer

DOC = "0b6c2a5e-4c1f-4c53-9b55-1f4d3f0e8a21"
CHUNK = "5f0e8a21-9b55-4c53-8c1f-0b6c2a5e1f4d"


def test_search_sends_the_keywords_and_returns_typed_hits(server: SpecServer, client: RestClient) -> None:
    server.script.append(Scripted(200, {"chunks": [{"text": "Refunds within 30 days.", "document_id": DOC}]}))
    found = client.datasphere.documents.search(
        query_string="refund", document_id=DOC, count=2, distance=3.0, pos_to_expand=["NOUN"]
    )
    assert isinstance(found, DatasphereSearchResult)
    assert [(c.text, c.document_id) for c in found.chunks] == [("Refunds within 30 days.", DOC)]
    assert server.seen[0].body == {
        "query_string": "refund",
        "document_id": DOC,
        "count": 2,
        "distance": 3.0,
        "pos_to_expand": ["NOUN"],
    }
    assert not server.errors, server.errors


def test_search_is_retried_as_a_safe_post(server: SpecServer) -> None:
    server.script += [Scripted(503, {"error": "busy"}, {"Retry-After": "0"})]
    with RestClient(
        project="proj-test", token="tok-secret-123", base_url=server.base_url, max_retries=2
    ) as c:
        assert c.datasphere.documents.search(query_string="x").chunks is not None
    assert [s.operation_id for s in server.seen] == ["search_documents"] * 2


def test_bad_arguments_fail_before_sending(server: SpecServer, client: RestClient) -> None:
    docs = client.datasphere.documents
    with pytest.raises(DataError, match=r"search\(\)\.count: must be at least 1"):
        docs.search(query_string="x", count=0)
    with pytest.raises(DataError, match=r"search\(\)\.distance: must be at most"):
        docs.search(query_string="x", distance=100.0)
    with pytest.raises(DataError, match=r"search\(\)\.pos_to_expand\[0\]"):
        docs.search(query_string="x", pos_to_expand=["NOUNS"])  # type: ignore[list-item]
    with pytest.raises(DataError, match="chunking_strategy"):
        docs.create(url="https://example.com/a.pdf", chunking_strategy="words")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="document_id must be a non-empty string"):
        docs.list_chunks("")
    with pytest.raises(TypeError):
        docs.search()  # type: ignore[call-arg]
    assert server.seen == []


def test_chunks_page_across_links_next(server: SpecServer, client: RestClient) -> None:
    server.pages = 3
    pager = client.datasphere.documents.list_chunks(DOC, page_size=1)
    assert isinstance(pager, SyncPager)
    chunks = list(pager)
    assert len(chunks) == 3 and all(isinstance(c, DatasphereChunk) for c in chunks)
    assert [s.operation_id for s in server.seen] == ["list_document_chunks"] * 3
    assert not server.errors, server.errors


def test_document_crud_and_chunk_calls(server: SpecServer, client: RestClient) -> None:
    docs = client.datasphere.documents
    made = docs.create(
        url="https://example.com/faq.pdf",
        tags=["faq"],
        chunking_strategy="sliding",
        chunk_size=40,
        overlap_size=5,
    )
    assert made.chunking_strategy in ("sentence", "paragraph", "page", "sliding")
    assert docs.update(DOC, tags=["faq", "billing"]).id
    assert docs.get_chunk(DOC, CHUNK).content is not None
    docs.delete_chunk(DOC, CHUNK)
    docs.delete(DOC)
    assert server.seen[0].body == {
        "url": "https://example.com/faq.pdf",
        "tags": ["faq"],
        "chunking_strategy": "sliding",
        "chunk_size": 40,
        "overlap_size": 5,
    }
    assert [s.path for s in server.seen[2:]] == [
        f"/api/datasphere/documents/{DOC}/chunks/{CHUNK}",
        f"/api/datasphere/documents/{DOC}/chunks/{CHUNK}",
        f"/api/datasphere/documents/{DOC}",
    ]
    assert not server.errors, server.errors


# --- a command whose answer is a text line -----------------------------------------------------------


def test_ai_sidecar_status_returns_the_text_line(server: SpecServer, client: RestClient) -> None:
    status = client.calling.ai_sidecar_status(call_id=DOC)
    assert status == "+OK polls=3 pokes=1 asks=0"
    response = client.last_response
    assert response is not None and response.headers["content-type"].startswith("text/plain")
    assert server.seen[0].body == {"command": "calling.ai_sidecar.status", "id": DOC, "params": {}}
    # The validating server checked both the request and its own text answer against calling.yaml.
    assert not server.errors, server.errors


def test_ai_sidecar_status_async(server: SpecServer) -> None:
    async def run() -> object:
        async with async_client(server) as client:
            return await client.calling.ai_sidecar_status(call_id=DOC)

    assert asyncio.run(asyncio.wait_for(run(), timeout=10)) == "+OK polls=3 pokes=1 asks=0"
    assert not server.errors, server.errors


def test_other_commands_still_answer_the_call(server: SpecServer, client: RestClient) -> None:
    stopped = client.calling.ai_sidecar_stop(call_id=DOC)
    assert not isinstance(stopped, str) and hasattr(stopped, "to_dict")
    assert not server.errors, server.errors
