from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers import Analyzer, ArticleIndex, KnowledgeBase, SynonymTable
from content import CONTENT_DIR
from tests.answers.fixtures import write_article

GROUPS = {
    "withdraw": ["提币", "提现", "withdraw", "withdrawal", "cash out"],
    "two_factor": ["2fa", "谷歌验证", "authenticator"],
}


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(CONTENT_DIR / "jieba_dict.txt")


@pytest.fixture
def index(tmp_path: Path, analyzer: Analyzer) -> ArticleIndex:
    root = tmp_path / "articles"
    body = "## Steps\n\nOpen the page and follow the steps.\n"
    write_article(root, "withdraw-crypto", "en", title="How to withdraw crypto", body=body,
                  aliases=["send coins to another wallet", "withdraw usdt"], keywords=["withdraw"])
    write_article(root, "withdraw-crypto", "zh", title="如何提币",
                  body="## 步骤\n\n打开提币页面。\n", aliases=["怎么提币"], keywords=["提币"])
    write_article(root, "reset-2fa", "en", title="Reset 2FA", body=body,
                  aliases=["lost my authenticator", "new phone no codes"], keywords=["2fa"])
    write_article(root, "find-uid", "en", title="Find your UID", body=body,
                  aliases=["where is my user id"], keywords=["uid"])
    kb = KnowledgeBase.load(root, "Acme")
    return ArticleIndex.from_knowledge_base(kb, analyzer, SynonymTable(GROUPS, analyzer))


def test_best_article_first(index: ArticleIndex) -> None:
    ranking = index.rank("I lost my authenticator app")
    assert ranking.hits[0].slug == "reset-2fa"
    assert ranking.lang == "en"


def test_synonym_reaches_the_other_wording(index: ArticleIndex) -> None:
    assert index.rank("how do I cash out").hits[0].slug == "withdraw-crypto"


def test_chinese_question_matches_the_slug_of_either_language(index: ArticleIndex) -> None:
    ranking = index.rank("提現要怎麼操作")
    assert ranking.hits[0].slug == "withdraw-crypto"
    assert ranking.lang == "zh"
    # English-only article found from a Chinese question through a shared concept term.
    assert index.rank("谷歌验证丢了").hits[0].slug == "reset-2fa"


def test_typo_is_corrected_against_the_index_vocabulary(index: ArticleIndex) -> None:
    assert index.rank("withdrawl usdt").hits[0].slug == "withdraw-crypto"


def test_many_aliases_do_not_outweigh_one_good_match(tmp_path: Path, analyzer: Analyzer) -> None:
    root = tmp_path / "articles"
    body = "## Steps\n\nText.\n"
    write_article(root, "noisy", "en", body=body, title="Account things",
                  aliases=[f"account question number {i}" for i in range(30)])
    write_article(root, "precise", "en", body=body, title="Close your account",
                  aliases=["close my account"])
    kb = KnowledgeBase.load(root, "Acme")
    index = ArticleIndex.from_knowledge_base(kb, analyzer, SynonymTable({}, analyzer))
    assert index.rank("close my account").hits[0].slug == "precise"


@pytest.mark.parametrize("text", ["", "   ", "!!!", "的了吗", "xyzzy plugh"])
def test_nothing_to_match(index: ArticleIndex, text: str) -> None:
    assert index.rank(text).hits == ()


def test_at_most_k_hits_best_first(index: ArticleIndex) -> None:
    hits = index.rank("withdraw 2fa uid", k=2).hits
    assert len(hits) == 2
    assert hits[0].score >= hits[1].score


def test_scores_are_per_slug(index: ArticleIndex) -> None:
    scores = index.slug_scores(index.query_terms(index.analyze("withdraw")))
    assert scores.shape == (len(index.slugs),)
    assert index.slugs[int(scores.argmax())] == "withdraw-crypto"


def test_empty_knowledge_base_ranks_nothing(analyzer: Analyzer) -> None:
    index = ArticleIndex([], analyzer, SynonymTable(GROUPS, analyzer))
    assert index.rank("how do I withdraw").hits == ()
