"""HTTP to SPARQL servers, with the credentials of the environment (kg push, kg query)."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from typing import IO, Any

from .queries import QueryError

USER_ENV, PASSWORD_ENV = "KG_PUSH_USER", "KG_PUSH_PASSWORD"


class HttpError(QueryError):
    """An HTTP error status from the server; `code` is the status."""

    code = 0


def credentials() -> tuple[str, str] | None:
    """The user and password, from the environment: a command line is seen by every user."""
    user = os.environ.get(USER_ENV)
    return (user, os.environ.get(PASSWORD_ENV, "")) if user else None


class Http:
    """urllib with `credentials()`: basic sent up front, or digest (Virtuoso) signed up front once
    challenged: a server refusing an unsigned upload hangs up mid-body, losing the challenge."""

    def __init__(self, timeout: float, urls: list[str], digest: bool = False) -> None:
        self.timeout = timeout
        handlers: list[Any] = []
        creds = credentials()
        if creds and digest:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, [u for u in urls if u], *creds)
            handlers = [SignedDigest(passwords)]
        elif creds:
            prior = urllib.request.HTTPPasswordMgrWithPriorAuth()
            prior.add_password(None, [u for u in urls if u], *creds, is_authenticated=True)
            handlers = [urllib.request.HTTPBasicAuthHandler(prior)]
        self.opener = urllib.request.build_opener(*handlers)

    def send(self, url: str, data: bytes | IO[bytes] | None = None, method: str | None = None,
             headers: dict[str, str] | None = None) -> tuple[str, bytes]:
        req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with self.opener.open(req, timeout=self.timeout) as resp:
                return resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            error = HttpError(f"{url.split('?')[0]}: HTTP {exc.code}: "
                              f"{detail[0][:300] if detail else exc.reason}")
            error.code = exc.code
            raise error from exc
        except (urllib.error.URLError, OSError) as exc:
            raise QueryError(f"{url.split('?')[0]}: cannot connect ({exc})") from exc


class SignedDigest(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that signs every request once a challenge has been seen."""

    challenge: dict[str, str] | None = None

    def http_error_401(self, req: Any, fp: Any, code: int, msg: str, headers: Any) -> Any:
        found = headers.get("www-authenticate", "")
        if found.lower().startswith("digest "):
            self.challenge = urllib.request.parse_keqv_list(
                urllib.request.parse_http_list(found[7:]))
        return super().http_error_401(req, fp, code, msg, headers)

    def http_request(self, req: Any) -> Any:
        if self.challenge and not req.has_header("Authorization"):
            signed = self.get_authorization(req, self.challenge)
            if signed:
                req.add_unredirected_header("Authorization", f"Digest {signed}")
        return req
