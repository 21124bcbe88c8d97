"""Amounts of money as newsletters write them: "RMB 50,000", "1.4 million CNY", "RMB30,000"."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
          "bn": 1e9, "b": 1e9, "万": 1e4, "亿": 1e8}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_RE = r"(?:\s*(?:thousand|million|billion|mn|bn|[mkb]\b|万|亿))?"


@dataclass(frozen=True)
class Money:
    """An amount with its ISO currency code and character span."""

    value: float
    currency: str
    start: int
    end: int


def money_regex(currency_labels: Mapping[str, list[str]]) -> re.Pattern[str]:
    """One regex for "<cur> <n> [scale]" and "<n> [scale] <cur>" built from currency labels."""
    labels = sorted({lab for labs in currency_labels.values() for lab in labs}, key=len,
                    reverse=True)
    cur = "|".join(re.escape(lab) for lab in labels)
    return re.compile(
        rf"(?<![\w$¥€£])(?:(?P<c1>{cur})\s*(?P<n1>{_NUMBER})(?P<s1>{_SCALE_RE})"
        rf"|(?P<n2>{_NUMBER})(?P<s2>{_SCALE_RE})\s*(?P<c2>{cur}))(?![\w])",
        re.IGNORECASE,
    )


def find_money(text: str, pattern: re.Pattern[str],
               label_to_code: Mapping[str, str]) -> Iterator[Money]:
    """Every amount in `text`; `label_to_code` maps a lower-cased label to its ISO code."""
    for m in pattern.finditer(text):
        number = m["n1"] or m["n2"]
        scale = (m["s1"] or m["s2"] or "").strip().lower()
        label = (m["c1"] or m["c2"]).lower()
        code = label_to_code.get(label)
        if code is None:
            continue
        value = float(number.replace(",", "")) * _SCALE.get(scale, 1.0)
        yield Money(round(value, 2), code, m.start(), m.end())
