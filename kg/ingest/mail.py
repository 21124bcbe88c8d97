"""E-mailed newsletters (.eml) to text. (Not `email.py`: that would shadow the standard library.)

The HTML part is preferred, read as a web page; else the plain-text part. A newsletter that
someone forwarded is read as the newsletter: from an attached message/rfc822, or after an
inline "---------- Forwarded message ---------" block, whose From/Date/Subject lines then give
the publisher, date and title (the forwarder's note and header lines are left out).
"""

from __future__ import annotations

import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr

from .decode import decode
from .errors import ReadError
from .metadata import iso_date
from .sources import SourceText

_FORWARD_MARK = re.compile(
    r"^[ \t]*(?:-{2,}[ \t]*(?:Forwarded message|Original message|Forwarded by[^\n]*)[ \t]*-*"
    r"|Begin forwarded message:|_{10,})[ \t]*\n", re.I | re.M)
_FORWARD_HEADER = re.compile(r"[ \t]*(From|Date|Sent|Subject|To|Cc|Bcc|Reply-To)[ \t]*:[ \t]*"
                             r"(.*)\n", re.I)
_SUBJECT_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|fw|aw|wg|tr)\s*(?:\[\d+\])?\s*:\s*)+", re.I)


def mail_texts(name: str, data: bytes) -> list[SourceText]:
    """The newsletter in an e-mail; raises ReadError when it has no text or HTML body."""
    msg = BytesParser(policy=policy.default).parsebytes(data)
    if not msg.keys():
        raise ReadError(name, "not an e-mail (no header lines)")
    for _ in range(8):  # a forward of a forward
        inner = _attached_message(msg)
        if inner is None:
            break
        msg = inner
    source = _body(name, msg)
    source.title = _subject(msg.get("subject"))
    source.published = iso_date(str(msg.get("date") or ""))
    source.publisher = _sender(str(msg.get("from") or ""))
    return [_forwarded(source)]


def _attached_message(msg: EmailMessage) -> EmailMessage | None:
    for part in msg.walk():
        if part is not msg and part.get_content_type() == "message/rfc822":
            inner = part.get_content()
            return inner if isinstance(inner, EmailMessage) else None
    return None


def _body(name: str, msg: EmailMessage) -> SourceText:
    for kind in ("html", "plain"):
        part = msg.get_body(preferencelist=(kind,))
        if part is None:
            continue
        raw, encoding = _part_text(name, part)
        if kind == "html":
            from .html import html_to_text

            page = html_to_text(raw)
            if page.text.strip():
                return SourceText(page.text, encoding, "email", page.heading_starts)
            continue
        if part.get_param("format", "").lower() == "flowed":
            raw = _unflow(raw, part.get_param("delsp", "").lower() == "yes")
        if raw.strip():
            return SourceText(raw, encoding, "email")
    files = [p.get_filename() or p.get_content_type() for p in msg.iter_attachments()]
    if files:
        raise ReadError(name, "e-mail has no text or HTML body (only attachments: "
                        f"{', '.join(files)})")
    raise ReadError(name, "e-mail has no text or HTML body")


def _part_text(name: str, part: EmailMessage) -> tuple[str, str]:
    """A part's text: in its declared charset, else as `decode` guesses a file's."""
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    if charset:
        try:
            text = payload.decode(charset)
            return text.replace("\r\n", "\n").replace("\r", "\n"), charset
        except (LookupError, UnicodeDecodeError):
            pass
    if not payload.strip():
        return "", charset or "utf-8"
    return decode(name, payload)


def _unflow(text: str, delsp: bool) -> str:
    """RFC 3676 format=flowed: a line ending in a space goes on in the next line."""
    out: list[str] = []
    held = ""
    for line in text.split("\n"):
        if line.startswith(" "):
            line = line[1:]  # space-stuffing
        if line.endswith(" ") and line != "-- ":
            held += line[:-1] if delsp else line
        else:
            out.append(held + line)
            held = ""
    if held:
        out.append(held)
    return "\n".join(out)


def _forwarded(source: SourceText) -> SourceText:
    """The newsletter inside an inline forward, with the forwarded header's title and date."""
    text, starts = source.text, source.heading_starts
    for _ in range(8):
        mark = _FORWARD_MARK.search(text)
        if mark is None:
            break
        pos, fields = mark.end(), {}
        while True:
            while text.startswith("\n", pos) and not fields:
                pos += 1  # Apple Mail leaves a blank line after its mark
            header = _FORWARD_HEADER.match(text, pos)
            if header is None:
                break
            fields.setdefault(header[1].lower(), header[2].strip())
            pos = header.end()
        if "from" not in fields or not ({"date", "sent", "subject"} & fields.keys()):
            break  # a rule of underscores or dashes, not a forward
        while text.startswith("\n", pos):
            pos += 1
        text = text[pos:]
        starts = frozenset(s - pos for s in starts if s >= pos)
        source.title = _subject(fields.get("subject")) or source.title
        source.published = iso_date(fields.get("date") or fields.get("sent") or "") or None
        source.publisher = _sender(fields["from"]) or source.publisher
    source.text, source.heading_starts = text, starts
    return source


def _subject(subject: object) -> str | None:
    return _SUBJECT_PREFIX.sub("", " ".join(str(subject or "").split())) or None


def _sender(header: str) -> str | None:
    display, address = parseaddr(header)
    return display.strip().strip('"') or None
