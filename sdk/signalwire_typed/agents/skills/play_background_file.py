"""The ``play_background_file`` skill: a DataMap tool that starts or stops background audio/video files."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from signalwire_typed_gen._runtime import JsonObject

from ..data_map import DataMap
from ..function_result import FunctionResult
from .params import REQUIRED, Param, Params

if TYPE_CHECKING:
    from ..agent import AgentBase

__all__ = ["PlayBackgroundFileSkill"]

_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


class PlayBackgroundFileSkill:
    """Play one of a set of files under the conversation (``start_<key>``), or ``stop``."""

    name = "play_background_file"
    ENV_VARS: ClassVar[tuple[str, ...]] = ()
    PARAMS: ClassVar[tuple[Param, ...]] = (
        Param("files", "array", "Files: {key, description, url, wait?}", REQUIRED),
        Param("tool_name", "string", "Name of the tool (several instances)", "play_background_file"),
    )

    def __init__(self, params: JsonObject) -> None:
        p = Params(self.name, self.PARAMS, params)
        self.tool_name = p.get_str("tool_name")
        self.instance_key = f"play_background_file_{self.tool_name}"
        files = p.get_raw("files")
        if not isinstance(files, list) or not files:
            raise ValueError("play_background_file skill: 'files' must be a non-empty list")
        actions: list[str] = []
        helps: list[str] = []
        tool = DataMap(self.tool_name).description(
            f"Control background file playback for {self.tool_name.replace('_', ' ')}"
        )
        for i, f in enumerate(files, 1):
            if not isinstance(f, dict):
                raise ValueError(f"play_background_file skill: file {i} must be an object")
            key, description, url, wait = (
                f.get("key"),
                f.get("description"),
                f.get("url"),
                f.get("wait", False),
            )
            if not all(isinstance(v, str) and v.strip() for v in (key, description, url)):
                raise ValueError(
                    f"play_background_file skill: file {i} needs string 'key', 'description', 'url'"
                )
            if not isinstance(wait, bool):
                raise ValueError(f"play_background_file skill: file {i}: 'wait' must be a boolean")
            assert isinstance(key, str) and isinstance(description, str) and isinstance(url, str)
            if not _KEY.match(key):
                raise ValueError(
                    f"play_background_file skill: file key {key!r} may hold only letters, digits, _ and -"
                )
            actions.append(f"start_{key}")
            helps.append(f"start_{key}: {description}")
            result = FunctionResult(
                f"Tell the user you are now going to play {description} for them.", post_process=True
            ).play_background_file(url, wait=wait)
            tool.expression("${args.action}", f"/start_{key}/i", result)
        actions.append("stop")
        helps.append("stop: Stop any currently playing background file")
        stop = FunctionResult("Tell the user you have stopped the background file playback.")
        tool.expression("${args.action}", "/stop/i", stop.stop_background_file())
        tool.parameter(
            "action", "string", "Action to perform. Options: " + "; ".join(helps), required=True, enum=actions
        )
        self.tool = tool

    def setup(self, agent: AgentBase) -> None:
        agent.register_swaig_function(self.tool)
