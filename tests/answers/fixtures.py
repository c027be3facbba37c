"""Small article files for knowledge-base and `kb check` tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

BODY = {
    "en": "Intro for {brand}.\n\n## Steps\n\n1. Open the app.\n2. Tap **Profile**.\n",
    "zh": "{brand} 简介。\n\n## 步骤\n\n1. 打开 App。\n2. 点击**个人中心**。\n",
}


def article_meta(file_slug: str, folder: str, **overrides: Any) -> dict[str, Any]:
    """Valid front matter for one article; `overrides` replace fields."""
    slug, lang = file_slug, folder
    meta: dict[str, Any] = {
        "slug": slug,
        "lang": lang,
        "title": f"Title of {slug}",
        "category": "account",
        "summary": "Short summary for {brand}." if lang == "en" else "{brand} 简短摘要。",
        "aliases": ["where is it on {brand}", "how do I find it"],
        "keywords": ["uid", "account"],
        "related": [],
    }
    meta.update(overrides)
    return meta


def write_article(
    root: Path, file_slug: str, folder: str, body: str | None = None, **overrides: Any
) -> Path:
    """Write `<root>/<folder>/<file_slug>.md`; overrides replace front-matter fields (slug and
    lang included), a None override removes the field."""
    meta = article_meta(file_slug, folder, **overrides)
    meta = {k: v for k, v in meta.items() if v is not None}
    path = root / folder / f"{file_slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    text = BODY.get(folder, BODY["en"]) if body is None else body
    path.write_text(f"---\n{front}---\n{text}", encoding="utf-8")
    return path


def write_categories(root: Path, names: list[str]) -> None:
    data = {n: {"name": {"en": n, "zh": n}} for n in names}
    (root.parent / "categories.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
