"""signalwire-typed."""
