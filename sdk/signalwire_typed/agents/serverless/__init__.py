"""Serve an agent (or an AgentServer) from a serverless platform: each entry point runs the same ASGI
app, so basic auth, SWAIG tokens and webhook signatures work exactly as on a server.

    agent = MyAgent("support", route="/support")
    handler = lambda_handler(agent)        # AWS Lambda: API Gateway v1/v2, Function URLs (Mangum)
    main = gcf_handler(agent)              # Google Cloud Functions (functions-framework)
    main = azure_handler(agent)            # Azure Functions (azure.functions.AsgiMiddleware)
    run_cgi(agent)                         # CGI: environment + stdin in, response on stdout

Each platform's adapter is an optional extra (``signalwire-typed[lambda|gcf|azure]``) and is
imported only when its entry point is created.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._lazy import lazy_getattr

if TYPE_CHECKING:
    from .aws_lambda import LambdaHandler, lambda_handler
    from .azure import AzureHandler, azure_handler
    from .cgi import run_cgi
    from .gcf import GcfHandler, GcfRequest, gcf_handler
    from .target import ServerlessTarget

__all__ = [
    "AzureHandler",
    "GcfHandler",
    "GcfRequest",
    "LambdaHandler",
    "ServerlessTarget",
    "azure_handler",
    "gcf_handler",
    "lambda_handler",
    "run_cgi",
]

_LAZY = {
    "AzureHandler": ".azure",
    "GcfHandler": ".gcf",
    "GcfRequest": ".gcf",
    "LambdaHandler": ".aws_lambda",
    "ServerlessTarget": ".target",
    "azure_handler": ".azure",
    "gcf_handler": ".gcf",
    "lambda_handler": ".aws_lambda",
    "run_cgi": ".cgi",
}


__getattr__ = lazy_getattr(__name__, _LAZY)
