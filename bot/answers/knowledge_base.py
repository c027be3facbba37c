"""Help-center articles loaded from Markdown files with YAML front matter."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "LANGUAGES",
    "MAX_START_PAYLOAD",
    "Article",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "article_link",
    "parse_front_matter",
    "parse_start_payload",
    "start_payload",
]

LANGUAGES: tuple[str, ...] = ("en", "zh")
# Telegram deep-link payloads: at most 64 characters of A-Za-z0-9_- ('-' is allowed as is).
MAX_START_PAYLOAD = 64
_PAYLOAD_RE = re.compile(r"^art_([a-z0-9]+(?:-[a-z0-9]+)*)_(en|zh)$")
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.DOTALL)


class KnowledgeBaseError(ValueError):
    """An article file cannot be read; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class Article:
    """One help-center article in one language, with `{brand}` already filled in."""

    slug: str
    lang: str
    title: str
    category: str
    summary: str
    aliases: tuple[str, ...]
    keywords: tuple[str, ...]
    related: tuple[str, ...]
    body: str
    path: Path


def parse_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """Split a Markdown file into its YAML front matter (a mapping) and its body."""
    match = _FRONT_MATTER_RE.match(text.lstrip("\ufeff"))
    if match is None:
        raise KnowledgeBaseError(f"{path}: no YAML front matter (the file must start with '---')")
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{path}: invalid YAML front matter: {exc}") from exc
    if not isinstance(meta, dict):
        raise KnowledgeBaseError(f"{path}: the front matter must be a mapping of fields")
    return meta, match.group(2)


def _text_field(meta: dict[str, Any], name: str, path: Path) -> str:
    value = meta.get(name)
    if not isinstance(value, str | int | float) or not str(value).strip():
        raise KnowledgeBaseError(f"{path}: field '{name}' is missing or empty")
    return str(value).strip()


def _list_field(meta: dict[str, Any], name: str, path: Path) -> tuple[str, ...]:
    value = meta.get(name)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise KnowledgeBaseError(f"{path}: field '{name}' must be a list of strings")
    return tuple(str(v).strip() for v in value if str(v).strip())


def _fill_brand(text: str, brand: str) -> str:
    # Plain replacement, not str.format: bodies may contain other braces.
    return text.replace("{brand}", brand)


def read_article(path: Path, brand: str) -> Article:
    """Read one article file; raise KnowledgeBaseError naming the file and field on problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(f"{path}: cannot read: {exc}") from exc
    meta, body = parse_front_matter(text, path)
    lang = _text_field(meta, "lang", path)
    if lang not in LANGUAGES:
        raise KnowledgeBaseError(f"{path}: field 'lang' is {lang!r}, expected one of {LANGUAGES}")
    return Article(
        slug=_text_field(meta, "slug", path),
        lang=lang,
        title=_fill_brand(_text_field(meta, "title", path), brand),
        category=_text_field(meta, "category", path),
        summary=_fill_brand(" ".join(_text_field(meta, "summary", path).split()), brand),
        aliases=tuple(_fill_brand(a, brand) for a in _list_field(meta, "aliases", path)),
        keywords=tuple(_fill_brand(k, brand) for k in _list_field(meta, "keywords", path)),
        related=_list_field(meta, "related", path),
        body=_fill_brand(body.strip(), brand),
        path=path,
    )


class KnowledgeBase:
    """All articles, looked up by (slug, lang) and listed by category."""

    def __init__(self, articles: list[Article]) -> None:
        self._by_key: dict[tuple[str, str], Article] = {}
        for article in articles:
            key = (article.slug, article.lang)
            if key in self._by_key:
                raise KnowledgeBaseError(
                    f"{article.path}: duplicate slug {article.slug!r} for lang {article.lang!r} "
                    f"(also in {self._by_key[key].path})"
                )
            self._by_key[key] = article
        self._articles = sorted(self._by_key.values(), key=lambda a: (a.slug, a.lang))

    @classmethod
    def load(cls, articles_dir: Path, brand: str) -> KnowledgeBase:
        """Load every `<lang>/<slug>.md` under `articles_dir`, filling `{brand}`."""
        paths = sorted(p for lang in LANGUAGES for p in (articles_dir / lang).glob("*.md"))
        return cls([read_article(path, brand) for path in paths])

    def __len__(self) -> int:
        return len(self._articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self._articles)

    def get(self, slug: str, lang: str) -> Article | None:
        return self._by_key.get((slug, lang))

    def get_any(self, slug: str, lang: str) -> Article | None:
        """The article in `lang`, or in the other language when that translation is missing."""
        found = self.get(slug, lang)
        if found is not None:
            return found
        return next((self._by_key[(slug, o)] for o in LANGUAGES if (slug, o) in self._by_key), None)

    def slugs(self) -> list[str]:
        return sorted({a.slug for a in self._articles})

    def categories(self) -> list[str]:
        return sorted({a.category for a in self._articles})

    def by_category(self, category: str, lang: str) -> list[Article]:
        return [a for a in self._articles if a.category == category and a.lang == lang]


def start_payload(slug: str, lang: str) -> str:
    """The /start payload that opens an article in the bot: `art_<slug>_<lang>`."""
    payload = f"art_{slug}_{lang}"
    if len(payload) > MAX_START_PAYLOAD or _PAYLOAD_RE.match(payload) is None:
        raise ValueError(f"slug {slug!r} cannot be carried in a Telegram start payload")
    return payload


def parse_start_payload(payload: str) -> tuple[str, str] | None:
    """(slug, lang) from a payload made by `start_payload`, or None for anything else."""
    match = _PAYLOAD_RE.match(payload)
    if match is None or len(payload) > MAX_START_PAYLOAD:
        return None
    return match.group(1), match.group(2)


def article_link(article: Article, help_center_base_url: str | None, bot_username: str) -> str:
    """The web help-center URL when configured, otherwise a deep link into the bot."""
    if help_center_base_url:
        return f"{help_center_base_url.rstrip('/')}/{article.lang}/articles/{article.slug}"
    username = bot_username.lstrip("@")
    return f"https://t.me/{username}?start={start_payload(article.slug, article.lang)}"
