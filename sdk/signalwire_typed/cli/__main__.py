"""``python -m signalwire_typed.cli``: the same as the ``signalwire-typed`` console script."""

from signalwire_typed.cli import main

raise SystemExit(main())
