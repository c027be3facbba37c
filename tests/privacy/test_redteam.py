"""The red-team set: messages written apart from the corpus and its templates.

``tests/privacy/redteam.jsonl`` has the corpus format ({"id", "text", "lang", "private",
"types"}): secrets and identifiers in the phrasings users of an exchange's zh/en Telegram groups
use, and hard negatives (questions about secrets, masked values, prices, amounts, dates,
order ids, block heights, versions, error codes, official links, public contracts, referral
codes, chat ids, @usernames). Its values were generated with valid checksums (BIP39, EIP-55,
Base58Check, Bech32, Luhn, GB 11643) by code independent of ``privacy/``.

Labelling decisions:
- Referral, invite and promo codes are not private: they are made to be shared publicly.
- Public token contracts and official links are not private; a user's own address, tx hash,
  UID, e-mail or phone number is.
- A number with a unit ("12345678 sats") is an amount, whatever word is nearby.

The scanner is built as ``beacon scan --jsonl`` builds it. Figures are message-level: a
message counts as predicted private when ``result.private``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from privacy import PrivacyScanner
from tests.privacy.corpus_builder import ENTITY_TYPES

REDTEAM_PATH = Path(__file__).with_name("redteam.jsonl")
# What the scanner reaches on this set; the goal for unseen messages is 0.99 for both.
PRECISION_REACHED = 1.0
RECALL_REACHED = 1.0
MIN_NEGATIVE_SHARE = 0.45


def load_redteam() -> list[dict[str, Any]]:
    with REDTEAM_PATH.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


REDTEAM = load_redteam()


def test_records_have_the_corpus_shape() -> None:
    ids = [case["id"] for case in REDTEAM]
    assert len(ids) == len(set(ids))
    assert len({case["text"] for case in REDTEAM}) == len(REDTEAM)
    for case in REDTEAM:
        assert set(case) == {"id", "text", "lang", "private", "types"}, case["id"]
        assert case["lang"] in {"en", "zh", "mixed"}, case["id"]
        assert case["id"].startswith(case["lang"] + "-"), case["id"]
        assert set(case["types"]) <= set(ENTITY_TYPES), case["id"]
        assert case["private"] == bool(case["types"]), case["id"]


def test_the_set_is_large_and_at_least_45_percent_hard_negatives() -> None:
    negatives = sum(not case["private"] for case in REDTEAM)
    assert len(REDTEAM) >= 300
    assert negatives / len(REDTEAM) >= MIN_NEGATIVE_SHARE
    covered = {entity for case in REDTEAM for entity in case["types"]}
    assert covered == set(ENTITY_TYPES)


def test_message_level_precision_and_recall(privacy_scanner: PrivacyScanner) -> None:
    true_positives = false_positives = false_negatives = 0
    misses: list[str] = []
    for case in REDTEAM:
        result = privacy_scanner.scan(case["text"])
        if result.private and case["private"]:
            true_positives += 1
        elif result.private:
            false_positives += 1
            found = [(f.type, case["text"][f.start : f.end]) for f in result.findings]
            misses.append(f"false positive {case['id']}: {case['text']!r} -> {found}")
        elif case["private"]:
            false_negatives += 1
            misses.append(f"missed {case['id']} {case['types']}: {case['text']!r}")
    precision = true_positives / max(true_positives + false_positives, 1)
    recall = true_positives / max(true_positives + false_negatives, 1)
    print(f"\nred team: precision {precision:.4f}, recall {recall:.4f}, {len(REDTEAM)} messages")
    print("\n".join(misses))
    assert precision >= PRECISION_REACHED, "\n".join(misses)
    assert recall >= RECALL_REACHED, "\n".join(misses)
