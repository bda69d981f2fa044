"""The ``swml_transfer`` skill: a DataMap tool transferring the call by what the caller asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from signalwire_typed_gen._runtime import JsonObject
from signalwire_typed_gen.swml.builder import CallingSection

from ..data_map import DataMap
from ..function_result import FunctionResult
from .params import REQUIRED, Param, Params

if TYPE_CHECKING:
    from ..agent import AgentBase

__all__ = ["SwmlTransferSkill"]


class SwmlTransferSkill:
    """Transfer calls by pattern: each pattern goes to a SWML URL or a phone/SIP address."""

    name = "swml_transfer"
    ENV_VARS: ClassVar[tuple[str, ...]] = ()
    PARAMS: ClassVar[tuple[Param, ...]] = (
        Param(
            "transfers",
            "object",
            "Pattern (e.g. /sales/i) -> {url | address, message?, return_message?, post_process?, final?, "
            "from_addr?}",
            REQUIRED,
        ),
        Param("tool_name", "string", "Name of the transfer tool (several instances)", "transfer_call"),
        Param("description", "string", "Description of the tool", "Transfer call based on pattern matching"),
        Param("parameter_name", "string", "Argument holding the transfer type", "transfer_type"),
        Param("parameter_description", "string", "Its description", "The type of transfer to perform"),
        Param(
            "default_message",
            "string",
            "Said when no pattern matches",
            "Please specify a valid transfer type.",
        ),
        Param("default_post_process", "boolean", "Let the AI rephrase the default message", False),
        Param("required_fields", "object", "Extra arguments to collect first: name -> description", {}),
    )

    def __init__(self, params: JsonObject) -> None:
        p = Params(self.name, self.PARAMS, params)
        self.tool_name = p.get_str("tool_name")
        self.instance_key = f"swml_transfer_{self.tool_name}"
        self.arg = p.get_str("parameter_name")
        fields = p.get_obj("required_fields")
        if not all(isinstance(v, str) for v in fields.values()):
            raise ValueError("swml_transfer skill: 'required_fields' values must be strings (descriptions)")
        self.required_fields = {k: str(v) for k, v in fields.items()}
        tool = (
            DataMap(self.tool_name)
            .description(p.get_str("description"))
            .parameter(self.arg, "string", p.get_str("parameter_description"), required=True)
        )
        for field, description in self.required_fields.items():
            tool.parameter(field, "string", description, required=True)
        transfers = p.get_obj("transfers")
        if not transfers:
            raise ValueError("swml_transfer skill: 'transfers' needs at least one pattern")
        self.patterns = list(transfers)
        for pattern, config in transfers.items():
            tool.expression(f"${{args.{self.arg}}}", pattern, self._result(pattern, config))
        default = FunctionResult(
            p.get_str("default_message"), post_process=p.get_bool("default_post_process")
        )
        tool.expression(f"${{args.{self.arg}}}", "/.*/", self._with_call_data(default))
        self.tool = tool

    def _with_call_data(self, result: FunctionResult) -> FunctionResult:
        if self.required_fields:
            result.update_global_data({"call_data": {f: f"${{args.{f}}}" for f in self.required_fields}})
        return result

    def _result(self, pattern: str, config: object) -> FunctionResult:
        where = f"swml_transfer skill: transfer {pattern!r}"
        if not isinstance(config, dict):
            raise ValueError(f"{where} must be an object")
        url, address = config.get("url"), config.get("address")
        if (url is None) == (address is None):
            raise ValueError(f"{where} needs exactly one of 'url' or 'address'")
        message = config.get("message", "Transferring you now...")
        back = config.get("return_message", "The transfer is complete. How else can I help you?")
        post_process, final = config.get("post_process", True), config.get("final", True)
        from_addr = config.get("from_addr")
        if not isinstance(message, str) or not isinstance(back, str):
            raise ValueError(f"{where}: 'message' and 'return_message' must be strings")
        if not isinstance(post_process, bool) or not isinstance(final, bool):
            raise ValueError(f"{where}: 'post_process' and 'final' must be booleans")
        if from_addr is not None and not isinstance(from_addr, str):
            raise ValueError(f"{where}: 'from_addr' must be a string")
        unknown = set(config) - {
            "url",
            "address",
            "message",
            "return_message",
            "post_process",
            "final",
            "from_addr",
        }
        if unknown:
            raise ValueError(f"{where} has unknown field(s) {', '.join(sorted(unknown))}")
        result = self._with_call_data(FunctionResult(message, post_process=post_process))
        if isinstance(url, str):
            section = CallingSection().set({"ai_response": back}).transfer(dest=url)
            return result.swml(section, transfer=final)
        if not isinstance(address, str):
            raise ValueError(f"{where}: 'address' must be a string")
        return result.connect(address, from_=from_addr, final=final)

    def setup(self, agent: AgentBase) -> None:
        agent.register_swaig_function(self.tool)
        agent.add_hints([*(p.strip("/").removesuffix("/i").lower() for p in self.patterns), "transfer"])
        agent.prompt_add_section(
            "Transferring",
            f"Use {self.tool_name} to transfer the caller; pass what they asked for as {self.arg}.",
            bullets=[f"Transfer types: {', '.join(self.patterns)}"],
        )
