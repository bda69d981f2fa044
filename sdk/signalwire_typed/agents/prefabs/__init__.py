"""Prefabs: ready-made agents configured by typed arguments.

``InfoGathererAgent``, ``FAQBotAgent``, ``ConciergeAgent``, ``ReceptionistAgent``, ``SurveyAgent``
and ``BedrockAgent`` (Amazon Bedrock speech-to-speech). Each loads only when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._lazy import lazy_getattr

if TYPE_CHECKING:
    from .bedrock import BedrockAgent
    from .common import AgentOptions
    from .concierge import Amenity, ConciergeAgent
    from .faq_bot import FAQ, FAQBotAgent
    from .info_gatherer import InfoGathererAgent, QuestionCallback
    from .receptionist import Department, ReceptionistAgent
    from .survey import SurveyAgent, SurveyQuestion

__all__ = [
    "FAQ",
    "AgentOptions",
    "Amenity",
    "BedrockAgent",
    "ConciergeAgent",
    "Department",
    "FAQBotAgent",
    "InfoGathererAgent",
    "QuestionCallback",
    "ReceptionistAgent",
    "SurveyAgent",
    "SurveyQuestion",
]

_LAZY = {
    "AgentOptions": ".common",
    "BedrockAgent": ".bedrock",
    "Amenity": ".concierge",
    "ConciergeAgent": ".concierge",
    "FAQ": ".faq_bot",
    "FAQBotAgent": ".faq_bot",
    "InfoGathererAgent": ".info_gatherer",
    "QuestionCallback": ".info_gatherer",
    "Department": ".receptionist",
    "ReceptionistAgent": ".receptionist",
    "SurveyAgent": ".survey",
    "SurveyQuestion": ".survey",
}


__getattr__ = lazy_getattr(__name__, _LAZY)
