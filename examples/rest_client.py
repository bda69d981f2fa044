"""The typed REST client: one AI configuration used both in SWML and as a Fabric AI agent.

Run against a space with SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN and SIGNALWIRE_SPACE set,
or against a local server with SIGNALWIRE_REST_URL (for example the test server).
"""

from __future__ import annotations

import os

from signalwire_typed import Document, RestClient
from signalwire_typed.rest import NotFoundError
from signalwire_typed.swml import models


def main() -> None:
    prompt = models.AiPromptText(text="You are Riley, the Acme receptionist. Be brief.", temperature=0.3)
    params = models.AiParams(end_of_speech_timeout=700)

    # The same objects in a SWML document...
    doc = Document()
    doc.answer().ai(prompt=prompt, params=params, hints=["Acme"]).hangup()

    # ...and in the REST API.
    with RestClient(base_url=os.environ.get("SIGNALWIRE_REST_URL")) as client:
        agent = client.fabric.ai_agents.create(name="Riley", prompt=prompt, params=params, hints=["Acme"])
        print(f"agent {agent.id} created, with the prompt of this SWML: {doc.to_json()[:60]}...")
        for number in client.phone_numbers.search(areacode="512", max_results=1):
            bought = client.phone_numbers.create(number=number.number)
            print(f"bought {bought.number}")
        call = client.calling.dial(from_="+15125550100", to="+15125550111", swml=doc.to_model())
        client.calling.end(call_id=call.id, reason="hangup")
        try:
            client.fabric.ai_agents.get("00000000-0000-0000-0000-000000000000")
        except NotFoundError as exc:
            print(f"as expected: {exc.status_code}")


if __name__ == "__main__":
    main()
