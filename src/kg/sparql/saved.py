"""Saved queries (`queries/*.rq`) and their parameters.

A saved query starts with comment lines naming its question (`# 问题: …`, `# Question: …`)
and its parameters (`# param: name = description`); a parameter's default is the term in
`VALUES ?name { … }`, and a value given by a user replaces that term, written as one properly
escaped SPARQL term of the same kind, so a value cannot change the query around it.
"""
from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kg.sparql.errors import QueryError


@dataclass(frozen=True)
class QueryParam:
    """A parameter declared as `# param: name = description` and defaulted by `VALUES ?name { … }`."""

    name: str
    description: str
    default: str  # as written in the query, e.g. "花溪区"@zh or 2025


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    question_zh: str
    question_en: str
    params: tuple[QueryParam, ...]
    text: str


_HEADER = re.compile(r"^#\s*(问题|Question|param)\s*[:：]\s*(.*)$")


def _values_clause(name: str) -> re.Pattern[str]:
    return re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{\s*([^{}]*?)\s*\}")


def parse_saved_query(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    zh = en = ""
    params = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        kind, value = match.group(1), match.group(2).strip()
        if kind == "问题":
            zh = value
        elif kind == "Question":
            en = value
        else:
            name, _, description = value.partition("=")
            name = name.strip()
            default = _values_clause(name).search(text)
            params.append(QueryParam(name, description.strip(), default.group(1) if default else ""))
    return SavedQuery(path.stem, path, zh, en, tuple(params), text)


def queries_dir() -> Path:
    """Where saved queries live: $KG_QUERIES, ./queries, or the repository's queries/."""
    env = os.environ.get("KG_QUERIES")
    if env:
        return Path(env)
    local = Path("queries")
    if local.is_dir():
        return local
    return Path(__file__).resolve().parents[3] / "queries"


def saved_queries(directory: Path | None = None) -> list[SavedQuery]:
    folder = directory or queries_dir()
    return [parse_saved_query(p) for p in sorted(folder.glob("*.rq"))] if folder.is_dir() else []


def find_saved_query(name: str, directory: Path | None = None) -> SavedQuery | None:
    folder = directory or queries_dir()
    path = folder / f"{name.removesuffix('.rq')}.rq"
    return parse_saved_query(path) if path.is_file() else None


_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+)")
_IRI_CHARS = re.compile(r'[^<>"{}|^`\\\s]+')


def sparql_literal(value: str, like: str) -> str:
    """`value` written as a SPARQL term of the same kind as the default `like`.

    Strings keep the default's language tag or datatype; numbers must parse as numbers.
    The result is a single, properly escaped term, so a value cannot change the query.
    """
    if any(ord(ch) < 0x20 for ch in value) or "\\" in value:
        raise QueryError("parameter values may not contain control characters or backslashes / 参数值含非法字符")
    like = like.strip()
    if like.startswith(("\"", "'")):
        quote = like[0]
        end = like.rfind(quote)
        suffix = like[end + 1 :] if end > 0 else ""
        return '"' + value.replace('"', '\\"') + '"' + suffix
    if like.startswith("<"):
        if not _IRI_CHARS.fullmatch(value):
            raise QueryError(f"not an IRI: {value!r}")
        return f"<{value}>"
    if _INTEGER.fullmatch(like):
        if not _INTEGER.fullmatch(value.strip()):
            raise QueryError(f"expected an integer, got {value!r} / 需要整数")
        return str(int(value))
    if _DECIMAL.fullmatch(like):
        try:
            return str(Decimal(value.strip()))
        except InvalidOperation:
            raise QueryError(f"expected a number, got {value!r} / 需要数字") from None
    return '"' + value.replace('"', '\\"') + '"'


def apply_params(text: str, values: dict[str, str], declared: Sequence[QueryParam] = ()) -> str:
    """Replace the default in `VALUES ?name { … }` by each given value, safely written."""
    for name, value in values.items():
        if declared and name not in {p.name for p in declared}:
            known = ", ".join(p.name for p in declared) or "none"
            raise QueryError(f"unknown parameter {name!r}; this query takes: {known} / 未知参数")
        pattern = _values_clause(name)
        match = pattern.search(text)
        if not match:
            raise QueryError(f"unknown parameter {name!r}: the query has no `VALUES ?{name} {{ … }}` / 未知参数")
        term = sparql_literal(value, match.group(1))
        text = text[: match.start()] + f"VALUES ?{name} {{ {term} }}" + text[match.end() :]
    return text
