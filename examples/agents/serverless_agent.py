"""One agent, deployed serverless: keep the entry point of your platform.

- AWS Lambda (``pip install 'signalwire-typed[lambda]'``): handler ``serverless_agent.handler``.
- Google Cloud Functions (``[gcf]``): entry point ``main``.
- Azure Functions (``[azure]``): ``app`` is the function app.
- CGI: make this file the script; ``agent.run()`` answers the request.

Every mode serves the same ASGI app, so basic auth, tool tokens and (with
``SIGNALWIRE_SIGNING_KEY`` set) webhook signatures are checked the same way everywhere. Set
``SWML_TOKEN_SECRET`` so every instance accepts the tokens another one put in the SWML.
"""

from __future__ import annotations

import azure.functions as func
from signalwire_typed.agents import AgentBase, FunctionResult
from signalwire_typed.agents.serverless import azure_handler, gcf_handler, lambda_handler


class Pharmacy(AgentBase):
    @AgentBase.tool(description="Whether a prescription is ready for pickup")
    def prescription_status(self, prescription: str) -> FunctionResult:
        return FunctionResult(f"Prescription {prescription} is ready at the front desk.")


def create_agent() -> Pharmacy:
    agent = Pharmacy("pharmacy", route="/pharmacy", basic_auth=("demo", "demo-password"))
    agent.prompt_add_section("Role", "You answer questions about prescriptions.")
    return agent


agent = create_agent()

handler = lambda_handler(agent)
main = gcf_handler(agent)

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
serve_azure = azure_handler(agent)


@app.route(route="{*path}", methods=["GET", "POST"])
async def azure_main(req: func.HttpRequest) -> func.HttpResponse:
    return await serve_azure(req, None)


if __name__ == "__main__":
    agent.run()
