"""RTF to plain text, for a Word or WordPad file saved as (or renamed to) .txt.

Read as text, RTF gives headlines ending in "\\par" and bodies full of font tables; striprtf
keeps only the text, with one line per paragraph.
"""

from __future__ import annotations

from .errors import ReadError


def rtf_to_text(path: str, data: bytes) -> str:
    """The text of an RTF file's bytes; raises ReadError naming the file if it cannot be read."""
    from striprtf.striprtf import rtf_to_text as strip

    try:  # RTF is 7-bit with escapes; raw 8-bit bytes are rare and in the document's codepage
        markup = data.decode("utf-8")
    except UnicodeDecodeError:
        markup = data.decode("cp1252", "replace")
    try:
        text = strip(markup, errors="replace")
    except (LookupError, ValueError, OverflowError) as exc:  # an unknown codepage, a bad \uN
        raise ReadError(path, f"RTF file that cannot be converted to text ({exc})") from exc
    # \uN gives UTF-16 code units: join surrogate pairs, replace lone halves (RDF refuses them).
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
