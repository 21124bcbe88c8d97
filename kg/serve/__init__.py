"""Stage 6: the read-only SPARQL 1.1 Protocol endpoint and its query page."""

from .app import ServeConfig, make_server

__all__ = ["ServeConfig", "make_server"]
