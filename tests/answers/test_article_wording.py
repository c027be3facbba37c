"""Article wording that breaks once `{brand}` is filled in."""

from __future__ import annotations

import re

import pytest

from content import ARTICLES_DIR

# "a"/"an" cannot be right for every brand name ("a Example Exchange account").
_ARTICLE_BEFORE_BRAND = re.compile(r"\b(a|an)\s+\{brand\}", re.IGNORECASE)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("How to create a {brand} account", True),
        ("- An {brand} account", True),
        ("sign up for a\n{brand} account", True),
        ("Creating your {brand} account", False),
        ("the {brand} app", False),
        ("a {brandname}", False),
    ],
)
def test_article_before_brand_pattern(text: str, found: bool) -> None:
    assert bool(_ARTICLE_BEFORE_BRAND.search(text)) is found


def test_no_indefinite_article_before_the_brand() -> None:
    paths = sorted(ARTICLES_DIR.glob("*/*.md"))
    assert len(paths) == 88
    offenders = [
        f"{path.parent.name}/{path.name}: {m.group(0)!r}"
        for path in paths
        for m in _ARTICLE_BEFORE_BRAND.finditer(path.read_text("utf-8"))
    ]
    assert offenders == []
