"""Stage 1: newsletter files -> Documents of dated, sectioned Items.

`files` turns paths into bytes, `sources` turns bytes of any format into text, `reader` cuts
text into items (with `layout` and `dates`).
"""

from .errors import ReadError
from .files import SUFFIXES, iter_paths, read_documents, read_file, read_paths
from .model import Document, Item
from .reader import documents_from_bytes, read_bytes
from .sources import SourceText, source_texts

__all__ = ["SUFFIXES", "Document", "Item", "ReadError", "SourceText", "documents_from_bytes",
           "iter_paths", "read_bytes", "read_documents", "read_file", "read_paths",
           "source_texts"]
