"""Typed RELAY events: one class per ``event_type``, the ``RelayEvent`` union and ``decode_event``.

``match`` on an event narrows it: ``case CallingCallPlayEvent(): event.params.state``.
"""

from signalwire_typed_gen.relay.events import *  # noqa: F403
from signalwire_typed_gen.relay.events import __all__ as __all__
