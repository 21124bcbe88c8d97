"""Stage 1: newsletter files -> Documents of dated, sectioned Items."""

from .errors import ReadError
from .model import Document, Item
from .reader import SUFFIXES, iter_paths, read_bytes, read_file, read_paths

__all__ = ["SUFFIXES", "Document", "Item", "ReadError", "iter_paths", "read_bytes", "read_file",
           "read_paths"]
