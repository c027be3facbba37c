from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers.knowledge_base import (
    KnowledgeBase,
    KnowledgeBaseError,
    article_link,
    parse_start_payload,
    start_payload,
)
from tests.answers.fixtures import write_article


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    write_article(root, "find-uid", "en", title="Find your {brand} UID")
    write_article(root, "find-uid", "zh", title="查看{brand} UID")
    write_article(root, "reset-2fa", "en", category="security")
    return root


def test_load_fills_brand_everywhere(articles_dir: Path) -> None:
    kb = KnowledgeBase.load(articles_dir, "Acme")
    article = kb.get("find-uid", "en")
    assert article is not None
    assert article.title == "Find your Acme UID"
    assert "{brand}" not in article.body and "Acme" in article.body
    assert "{brand}" not in article.summary
    assert article.aliases and all("{brand}" not in a for a in article.aliases)
    assert article.path == articles_dir / "en" / "find-uid.md"


def test_lookups(articles_dir: Path) -> None:
    kb = KnowledgeBase.load(articles_dir, "Acme")
    assert len(kb) == 3
    assert kb.slugs() == ["find-uid", "reset-2fa"]
    assert kb.get("reset-2fa", "zh") is None
    fallback = kb.get_any("reset-2fa", "zh")
    assert fallback is not None and fallback.lang == "en"
    assert [a.slug for a in kb.by_category("security", "en")] == ["reset-2fa"]
    assert kb.by_category("security", "zh") == []
    assert kb.categories() == ["account", "security"]


def test_invalid_file_names_the_file(articles_dir: Path) -> None:
    bad = articles_dir / "en" / "broken.md"
    bad.write_text("---\nslug: [unclosed\n---\nbody\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"broken\.md: invalid YAML"):
        KnowledgeBase.load(articles_dir, "Acme")


def test_missing_field_names_the_field(articles_dir: Path) -> None:
    write_article(articles_dir, "no-title", "en", title="")
    with pytest.raises(KnowledgeBaseError, match=r"no-title\.md: field 'title' is missing"):
        KnowledgeBase.load(articles_dir, "Acme")


def test_link_to_help_center_when_configured(articles_dir: Path) -> None:
    article = KnowledgeBase.load(articles_dir, "Acme").get("find-uid", "zh")
    assert article is not None
    assert (
        article_link(article, "https://help.example.com/", "beacon_bot")
        == "https://help.example.com/zh/articles/find-uid"
    )


def test_deep_link_into_the_bot_otherwise(articles_dir: Path) -> None:
    article = KnowledgeBase.load(articles_dir, "Acme").get("reset-2fa", "en")
    assert article is not None
    link = article_link(article, None, "@beacon_bot")
    assert link == "https://t.me/beacon_bot?start=art_reset-2fa_en"


@pytest.mark.parametrize("slug", ["find-uid", "a", "x" * 57, "deposit-not-credited"])
def test_start_payload_round_trip(slug: str) -> None:
    payload = start_payload(slug, "zh")
    assert len(payload) <= 64
    assert parse_start_payload(payload) == (slug, "zh")


@pytest.mark.parametrize("slug", ["x" * 58, "Upper-Case", "under_score", "bad--dash"])
def test_slugs_that_cannot_travel_are_refused(slug: str) -> None:
    with pytest.raises(ValueError, match="start payload"):
        start_payload(slug, "en")


@pytest.mark.parametrize(
    "payload",
    ["", "art_find-uid", "art_find-uid_fr", "ticket_42", "art__en", "art_" + "x" * 60 + "_en"],
)
def test_foreign_payloads_are_not_articles(payload: str) -> None:
    assert parse_start_payload(payload) is None
