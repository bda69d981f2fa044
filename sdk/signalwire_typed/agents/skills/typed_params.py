"""The parameters of each built-in skill as TypedDicts, so ``agent.add_skill(name, {...})`` is checked
by type checkers (a misspelled or mistyped parameter is a type error). At run time each skill checks
its parameters again (``Params``), for callers without a type checker."""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

__all__ = [
    "ApiNinjasTriviaParams",
    "DataSphereParams",
    "DateTimeParams",
    "FileEntry",
    "GoogleMapsParams",
    "InfoGathererParams",
    "JokeParams",
    "MathParams",
    "PlayBackgroundFileParams",
    "QuestionEntry",
    "SwmlTransferParams",
    "TransferEntry",
    "WeatherApiParams",
    "WebSearchParams",
    "WikipediaSearchParams",
]


class DateTimeParams(TypedDict, total=False):
    secure: bool


class MathParams(TypedDict, total=False):
    pass


class TransferEntry(TypedDict, total=False):
    """Where one pattern transfers to: ``url`` (SWML) or ``address`` (number or SIP), not both."""

    url: str
    address: str
    message: str
    return_message: str
    post_process: bool
    final: bool
    from_addr: str


class SwmlTransferParams(TypedDict):
    transfers: dict[str, TransferEntry]
    tool_name: NotRequired[str]
    description: NotRequired[str]
    parameter_name: NotRequired[str]
    parameter_description: NotRequired[str]
    default_message: NotRequired[str]
    default_post_process: NotRequired[bool]
    required_fields: NotRequired[dict[str, str]]


class FileEntry(TypedDict):
    key: str
    description: str
    url: str
    wait: NotRequired[bool]


class PlayBackgroundFileParams(TypedDict):
    files: list[FileEntry]
    tool_name: NotRequired[str]


class QuestionEntry(TypedDict):
    key_name: str
    question_text: str
    confirm: NotRequired[bool]
    prompt_add: NotRequired[str]


class InfoGathererParams(TypedDict):
    questions: list[QuestionEntry]
    prefix: NotRequired[str]
    completion_message: NotRequired[str]


class WeatherApiParams(TypedDict, total=False):
    api_key: str
    tool_name: str
    temperature_unit: Literal["fahrenheit", "celsius"]
    base_url: str


class JokeParams(TypedDict, total=False):
    api_key: str
    tool_name: str
    base_url: str


TriviaCategory = Literal[
    "artliterature", "language", "sciencenature", "general", "fooddrink", "peopleplaces", "geography",
    "historyholidays", "entertainment", "toysgames", "music", "mathematics", "religionmythology",
    "sportsleisure",
]  # fmt: skip


class ApiNinjasTriviaParams(TypedDict, total=False):
    api_key: str
    tool_name: str
    categories: list[TriviaCategory]
    base_url: str


class DataSphereParams(TypedDict):
    """Parameters of ``datasphere`` and ``datasphere_serverless``."""

    document_id: str
    space_name: NotRequired[str]
    project_id: NotRequired[str]
    token: NotRequired[str]
    count: NotRequired[int]
    distance: NotRequired[float]
    tags: NotRequired[list[str]]
    language: NotRequired[str]
    pos_to_expand: NotRequired[list[Literal["NOUN", "VERB", "ADJ", "ADV"]]]
    max_synonyms: NotRequired[int]
    no_results_message: NotRequired[str]
    tool_name: NotRequired[str]
    base_url: NotRequired[str]


class WikipediaSearchParams(TypedDict, total=False):
    num_results: int
    no_results_message: str
    base_url: str
    timeout: float


class GoogleMapsParams(TypedDict, total=False):
    api_key: str
    lookup_tool_name: str
    route_tool_name: str
    places_base_url: str
    routes_base_url: str
    timeout: float


class WebSearchParams(TypedDict, total=False):
    api_key: str
    search_engine_id: str
    tool_name: str
    num_results: int
    oversample_factor: float
    min_quality_score: float
    max_content_length: int
    per_page_timeout: float
    overall_deadline: float
    snippets_only: bool
    no_results_message: str
    response_prefix: str
    response_postfix: str
    search_base_url: str
    allow_private_urls: bool
