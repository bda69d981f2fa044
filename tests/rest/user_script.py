"""What a user writes: ten REST resources, no casts. Type-checked with mypy --strict, and run."""

from __future__ import annotations

from signalwire_typed.rest import RestClient
from signalwire_typed.swml import models as swml


def main(client: RestClient) -> list[str]:
    seen: list[str] = []
    prompt = swml.AiPromptText(text="You are a helpful receptionist.")
    agent = client.fabric.ai_agents.create(name="Front desk", prompt=prompt, hints=["SignalWire"])
    seen.append(agent.ai_agent.name or agent.display_name)
    subscriber = client.fabric.subscribers.create(email="someone@example.com")
    seen.append(subscriber.id)
    script = client.fabric.swml_scripts.create(
        name="hello", contents={"version": "1.0.0", "sections": {"main": [{"answer": {}}]}}
    )
    seen.append(script.id)
    for available in client.phone_numbers.search(areacode="512", max_results=1):
        bought = client.phone_numbers.create(number=available.number)
        seen.append(bought.number)
    queue = client.queues.create(name="support")
    seen.append(queue.id)
    seen.extend(caller.id for caller in client.verified_callers.list())
    profile = client.sip_profile.get()
    seen.append(str(profile.to_dict()))
    found = client.lookup.get_phone_number("+15551230000")
    seen.append(found.e164 or "unknown")
    code = client.mfa.request_call(to="+15551230000")
    seen.append(code.id)
    for recording in client.recordings.list():
        seen.append(recording.id)
    hits = client.datasphere.documents.search(query_string="refund policy", count=3)
    seen.extend(hit.text for hit in hits.chunks)
    call = client.calling.dial(from_="+15551230000", to="+15551231111", url="https://example.com/swml")
    ended = client.calling.end(call_id=call.id, reason="hangup")
    seen.append(ended.id)
    return seen
