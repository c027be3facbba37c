from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers.synonyms import SynonymTable, load_synonym_groups
from bot.answers.tokenize import Analyzer
from content import CONTENT_DIR, SYNONYMS_PATH


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(CONTENT_DIR / "jieba_dict.txt")


@pytest.fixture(scope="module")
def table(analyzer: Analyzer) -> SynonymTable:
    return SynonymTable.load(SYNONYMS_PATH, analyzer)


def test_shipped_table_is_large_and_loads() -> None:
    groups = load_synonym_groups(SYNONYMS_PATH)
    assert len(groups) >= 50
    assert all(len(terms) >= 2 for terms in groups.values())


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("出金要多久", "~withdraw"),
        ("how do I cash out", "~withdraw"),
        ("提幣", "~withdraw"),  # traditional
        ("top up my account", "~deposit"),
        ("入金", "~deposit"),
        ("got rekt on a perp", "~liquidation"),
        ("got rekt on a perp", "~futures"),
        ("google auth code lost", "~two_factor"),
        ("谷歌验证器", "~two_factor"),
        ("where is my user id", "~uid"),
        ("身份认证", "~kyc"),
        ("what's a tx hash", "~txid"),
        ("資金費率", "~funding"),
        ("talk to a real person", "~support"),
        ("can't log in", "~failure"),
        ("ＫＹＣ", "~kyc"),  # full width
        # Phrasal verbs with their object in between.
        ("steps to send usdt out to metamask", "~withdraw"),
        ("can i get it back", "~recover_funds"),
        ("send btc to my ledger", "~withdraw"),
    ],
)
def test_terms_map_to_their_group(table: SynonymTable, analyzer: Analyzer, text: str,
                                  concept: str) -> None:
    assert concept in table.concepts(analyzer.analyze(text))


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("cash", "~withdraw"),  # one word of a phrase is not the phrase
        ("gaming", "~two_factor"),  # 'ga' only as a whole word
        ("stack of coins", "~staking"),
        ("今天行情不错", "~wrong"),
        ("cash is king, prices are out of control", "~withdraw"),  # too far apart
        ("usdt怎么充值到账户", "~arrived"),  # 到|账户, not 到账
    ],
)
def test_partial_matches_do_not_count(table: SynonymTable, analyzer: Analyzer, text: str,
                                      concept: str) -> None:
    assert concept not in table.concepts(analyzer.analyze(text))


def test_same_group_from_both_languages(table: SynonymTable, analyzer: Analyzer) -> None:
    zh = table.concepts(analyzer.analyze("提现卡住了"))
    en = table.concepts(analyzer.analyze("withdrawal stuck"))
    assert {"~withdraw", "~pending"} <= set(zh) & set(en)


def test_each_concept_once_in_stable_order(table: SynonymTable, analyzer: Analyzer) -> None:
    concepts = table.concepts(analyzer.analyze("withdraw withdrawal 提币 出金"))
    assert concepts == sorted(set(concepts))
    assert concepts.count("~withdraw") == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- just a list\n", "expected a mapping"),
        ("Bad-Name: [a, b]\n", "must be lower-case"),
        ("single: [only]\n", "at least two terms"),
        ("blank: [a, '']\n", "empty or non-text term"),
    ],
)
def test_malformed_files_are_rejected(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "synonyms.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_synonym_groups(path)
