"""The generator driver: specs/ in, generated/ out. Run as ``python -m codegen``."""
