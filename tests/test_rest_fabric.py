"""The generated Fabric AI agents client against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import base64
import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
from signalwire_typed_gen.rest.fabric_ai_agents import Client
from signalwire_typed_gen.rest.fabric_ai_agents.api.ai_agents import (
    create_ai_agent,
    delete_ai_agent,
    get_ai_agent,
    list_ai_agents,
    update_ai_agent,
)
from signalwire_typed_gen.rest.fabric_ai_agents.models import (
    AiAgent,
    AiAgentCreate,
    AiAgentList,
    AiAgentSettings,
    AiPromptText,
    HttpError,
)

PROJECT, TOKEN = "proj-1", "tok-1"
BASE = "/api/fabric/resources/ai_agents"


class FakeFabric(BaseHTTPRequestHandler):
    agents: ClassVar[dict[str, dict[str, Any]]] = {}
    seen: ClassVar[list[tuple[str, str, Any]]] = []

    def log_message(self, *args: object) -> None:
        pass

    def _reply(self, status: int, body: object | None) -> None:
        raw = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _authorized(self) -> bool:
        expected = "Basic " + base64.b64encode(f"{PROJECT}:{TOKEN}".encode()).decode()
        if self.headers.get("Authorization") != expected:
            self._reply(401, {"error": "Unauthorized"})
            return False
        return True

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length", "0"))
        return json.loads(self.rfile.read(length)) if length else None

    def _resource(self, agent_id: str, settings: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": agent_id,
            "project_id": str(uuid.UUID(int=1)),
            "display_name": settings.get("name", ""),
            "type": "ai_agent",
            "created_at": "2026-11-21T10:00:00Z",
            "updated_at": "2026-11-21T10:00:00Z",
            "ai_agent": {"agent_id": agent_id, **settings},
        }

    def do_GET(self) -> None:
        if not self._authorized():
            return
        self.seen.append(("GET", self.path, None))
        if self.path.startswith(BASE + "?") or self.path == BASE:
            data = [self._resource(i, s) for i, s in self.agents.items()]
            links = {
                "self": "https://example.signalwire.com" + self.path,
                "first": "https://example.signalwire.com" + BASE,
            }
            self._reply(200, {"data": data, "links": links})
            return
        agent_id = self.path.rsplit("/", 1)[-1]
        if agent_id not in self.agents:
            self._reply(404, {"error": "Not Found"})
            return
        self._reply(200, self._resource(agent_id, self.agents[agent_id]))

    def do_POST(self) -> None:
        if not self._authorized():
            return
        body = self._body()
        self.seen.append(("POST", self.path, body))
        agent_id = str(uuid.uuid4())
        self.agents[agent_id] = body
        self._reply(201, self._resource(agent_id, body))

    def do_PATCH(self) -> None:
        if not self._authorized():
            return
        body = self._body()
        agent_id = self.path.rsplit("/", 1)[-1]
        self.seen.append(("PATCH", self.path, body))
        self.agents[agent_id].update(body)
        self._reply(200, self._resource(agent_id, self.agents[agent_id]))

    def do_DELETE(self) -> None:
        if not self._authorized():
            return
        self.agents.pop(self.path.rsplit("/", 1)[-1], None)
        self._reply(204, None)


@pytest.fixture
def server() -> Iterator[str]:
    FakeFabric.agents = {}
    FakeFabric.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeFabric)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_create_get_list_update_delete(server: str) -> None:
    client = Client(base_url=server, httpx_args={"auth": (PROJECT, TOKEN)}, raise_on_unexpected_status=True)
    created = create_ai_agent.sync(
        client=client,
        body=AiAgentCreate(name="Riley", prompt=AiPromptText(text="You are Riley.", temperature=0.2)),
    )
    assert isinstance(created, AiAgent)
    assert FakeFabric.seen[0][2] == {
        "name": "Riley",
        "prompt": {"text": "You are Riley.", "temperature": 0.2},
    }
    assert isinstance(created.ai_agent, AiAgentSettings)
    assert isinstance(created.ai_agent.prompt, AiPromptText)
    assert created.ai_agent.prompt.text == "You are Riley."

    fetched = get_ai_agent.sync(client=client, id=created.id)
    assert isinstance(fetched, AiAgent) and fetched.id == created.id

    listed = list_ai_agents.sync(client=client, page_size=10)
    assert isinstance(listed, AiAgentList)
    assert [a.id for a in listed.data] == [created.id]
    assert "page_size=10" in FakeFabric.seen[-1][1]

    updated = update_ai_agent.sync(client=client, id=created.id, body=AiAgentSettings(name="Riley 2"))
    assert isinstance(updated, AiAgent) and updated.display_name == "Riley 2"
    assert FakeFabric.seen[-1][2] == {"name": "Riley 2"}

    response = delete_ai_agent.sync_detailed(client=client, id=created.id)
    assert response.status_code == 204
    missing = get_ai_agent.sync(client=client, id=created.id)
    assert isinstance(missing, HttpError) and missing.error == "Not Found"


def test_wrong_credentials_are_reported(server: str) -> None:
    client = Client(base_url=server, httpx_args={"auth": (PROJECT, "wrong")})
    result = list_ai_agents.sync(client=client)
    assert isinstance(result, HttpError)
    assert result.error == "Unauthorized"
