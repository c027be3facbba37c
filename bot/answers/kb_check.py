"""`beacon kb check`: every problem in the help-center content, each naming its file and field."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml

from bot.answers.knowledge_base import (
    LANGUAGES,
    MAX_START_PAYLOAD,
    KnowledgeBaseError,
    parse_front_matter,
)
from content import ARTICLES_DIR, CONTENT_DIR

__all__ = [
    "MAX_SUMMARY_CHARS",
    "Problem",
    "check_knowledge_base",
    "load_spec_slugs",
    "run_kb_check",
]

REQUIRED_TEXT_FIELDS = ("slug", "lang", "title", "category", "summary")
LIST_FIELDS = ("aliases", "keywords", "related")
# "At most two lines" of a Telegram message on a phone: about 120 Chinese characters or 250
# Latin ones (a Chinese character is roughly twice as wide).
MAX_SUMMARY_CHARS = {"en": 250, "zh": 120}
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# `art_<slug>_<lang>` must fit Telegram's 64-character start payload.
_MAX_SLUG_LEN = MAX_START_PAYLOAD - len("art_") - len("_en")
_LINK_RE = re.compile(r"\]\(slug:([^)\s]*)\)")
_PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: {self.field}" if self.field else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class _Entry:
    path: Path
    lang: str
    slug: str
    related: tuple[str, ...]
    links: tuple[str, ...]


def load_spec_slugs(path: Path) -> list[str]:
    """The contract slug list: one slug per line, '#' comments and blank lines ignored."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line]


def _load_categories(path: Path) -> set[str] | None:
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return set(data) if isinstance(data, dict) else set()


def _check_file(
    path: Path, folder_lang: str, categories: set[str] | None, problems: list[Problem]
) -> _Entry | None:
    name = str(path)
    try:
        meta, body = parse_front_matter(path.read_text(encoding="utf-8"), path)
    except (KnowledgeBaseError, OSError, UnicodeDecodeError) as exc:
        message = str(exc).removeprefix(f"{path}: ")
        problems.append(Problem(name, "front matter", message))
        return None
    for field in REQUIRED_TEXT_FIELDS:
        value = meta.get(field)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(name, field, "missing or empty"))
    lists: dict[str, tuple[str, ...]] = {}
    for field in LIST_FIELDS:
        lists[field] = _list_field(meta, field, name, problems)
    slug = str(meta.get("slug") or "").strip()
    lang = str(meta.get("lang") or "").strip()
    if slug and slug != path.stem:
        problems.append(Problem(name, "slug", f"{slug!r} differs from the file name {path.stem!r}"))
    if slug and _SLUG_RE.match(slug) is None:
        problems.append(Problem(name, "slug", f"{slug!r} must be lower-case words joined by '-'"))
    elif len(slug) > _MAX_SLUG_LEN:
        problems.append(Problem(name, "slug", f"longer than {_MAX_SLUG_LEN} characters"))
    if lang and lang not in LANGUAGES:
        problems.append(Problem(name, "lang", f"{lang!r} is not one of {', '.join(LANGUAGES)}"))
    elif lang and lang != folder_lang:
        problems.append(Problem(name, "lang", f"{lang!r} but the file is in {folder_lang}/"))
    category = meta.get("category")
    if (
        categories is not None
        and isinstance(category, str)
        and category.strip()
        and category.strip() not in categories
    ):
        known = ", ".join(sorted(categories))
        problems.append(Problem(name, "category", f"{category!r} is not one of: {known}"))
    summary = meta.get("summary")
    if isinstance(summary, str) and lang in MAX_SUMMARY_CHARS:
        length = len(" ".join(summary.split()))
        if length > MAX_SUMMARY_CHARS[lang]:
            limit = MAX_SUMMARY_CHARS[lang]
            problems.append(Problem(name, "summary", f"{length} characters, at most {limit}"))
    if not body.strip():
        problems.append(Problem(name, "body", "empty"))
    elif not re.search(r"^## ", body, re.MULTILINE):
        problems.append(Problem(name, "body", "has no '## ' sections"))
    texts = [body, *(v for v in meta.values() if isinstance(v, str)), *lists["aliases"]]
    for text in texts:
        for placeholder in _PLACEHOLDER_RE.findall(text):
            if placeholder != "brand":
                problems.append(
                    Problem(name, "placeholder", f"unknown {{{placeholder}}} (only {{brand}})")
                )
    if not slug or lang not in LANGUAGES:
        return None
    return _Entry(path, lang, slug, lists["related"], tuple(_LINK_RE.findall(body)))


def _list_field(
    meta: dict[str, Any], field: str, name: str, problems: list[Problem]
) -> tuple[str, ...]:
    value = meta.get(field)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(Problem(name, field, "must be a list of non-empty strings"))
        return ()
    return tuple(v.strip() for v in value)


def check_knowledge_base(articles_dir: Path, spec_slugs: list[str] | None) -> list[Problem]:
    """Every problem found under `articles_dir` (`<lang>/<slug>.md`), in a stable order."""
    problems: list[Problem] = []
    if not articles_dir.is_dir():
        return [Problem(str(articles_dir), None, "articles folder not found")]
    categories = _load_categories(articles_dir.parent / "categories.yaml")
    for stray in sorted(articles_dir.rglob("*.md")):
        if stray.parent.parent != articles_dir or stray.parent.name not in LANGUAGES:
            problems.append(Problem(str(stray), None, "not in a language folder (en/ or zh/)"))
    entries: list[_Entry] = []
    for lang in LANGUAGES:
        for path in sorted((articles_dir / lang).glob("*.md")):
            entry = _check_file(path, lang, categories, problems)
            if entry is not None:
                entries.append(entry)
    problems.extend(_cross_checks(entries, spec_slugs, articles_dir))
    return problems


def _cross_checks(
    entries: list[_Entry], spec_slugs: list[str] | None, articles_dir: Path
) -> Iterable[Problem]:
    seen: dict[tuple[str, str], Path] = {}
    for entry in entries:
        key = (entry.slug, entry.lang)
        if key in seen:
            yield Problem(
                str(entry.path), "slug", f"duplicate {entry.slug!r} (also in {seen[key]})"
            )
        else:
            seen[key] = entry.path
    slugs_by_lang = {lang: {s for s, lg in seen if lg == lang} for lang in LANGUAGES}
    all_slugs = set().union(*slugs_by_lang.values())
    for slug in sorted(all_slugs):
        for lang in LANGUAGES:
            if slug not in slugs_by_lang[lang]:
                others = [lg for lg in LANGUAGES if slug in slugs_by_lang[lg]]
                yield Problem(
                    str(articles_dir / lang / f"{slug}.md"),
                    None,
                    f"missing translation: {slug!r} exists only in {', '.join(others)}",
                )
    for entry in entries:
        available = slugs_by_lang[entry.lang]
        for target in entry.related:
            if target not in available:
                message = f"{target!r} is not a {entry.lang} article"
                yield Problem(str(entry.path), "related", message)
            elif target == entry.slug:
                yield Problem(str(entry.path), "related", "lists the article itself")
        for target in entry.links:
            if target not in available:
                yield Problem(
                    str(entry.path), "body", f"broken link (slug:{target}): no {entry.lang} article"
                )
    for slug in spec_slugs or ():
        if slug not in all_slugs:  # present in one language only: reported as a translation
            for lang in LANGUAGES:
                yield Problem(
                    str(articles_dir / lang / f"{slug}.md"), None, f"contract slug {slug!r} missing"
                )


def run_kb_check(out: TextIO) -> int:
    """Check the shipped content (content/articles, content/spec_slugs.txt); exit code."""
    spec = load_spec_slugs(CONTENT_DIR / "spec_slugs.txt")
    problems = check_knowledge_base(ARTICLES_DIR, spec)
    for problem in problems:
        print(problem, file=out)
    count = sum(1 for _ in ARTICLES_DIR.glob("*/*.md"))
    verdict = "OK" if not problems else f"{len(problems)} problem(s)"
    print(f"kb check: {count} article files, {len(spec)} contract slugs: {verdict}", file=out)
    return 0 if not problems else 1
