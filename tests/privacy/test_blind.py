"""The blind sets: messages written without reading the recognizers or the other corpora.

``blind.jsonl`` (350 messages, ``blind_builder``) was written first and measured before any
change: precision 0.977, recall 0.994 (four false positives: a masked e-mail, two official
support addresses, a SHA-256 checksum; one miss: a private key broken in two), and per type
API_SECRET 10/11, PHONE_NUMBER 20/21, PRIVATE_KEY 12/13. The fixes it prompted were general
(recognizers and their tables), and it now scores 1.000 / 1.000.

``blind2.jsonl`` (60 messages, ``blind2_builder``) was written after those fixes in new
phrasings and measured once, untuned: precision 1.000, recall 0.933 (a password after
"把密码发他，我发了：", an API secret in parentheses). The parenthesis case was fixed in the
API secret recognizer afterwards; the password one is left (a value with no digit, far from
its keyword, is too close to ordinary text to take without false positives).

The floors below are what the scanner reaches now; a change that loses any of it fails.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from privacy import PrivacyScanner
from tests.privacy import blind2_builder, blind_builder
from tests.privacy.corpus_builder import ENTITY_TYPES

HERE = Path(__file__).parent
# name: (precision, recall, per-type recall floors; types not listed must reach 1.0)
FLOORS: dict[str, tuple[float, float, dict[str, float]]] = {
    "blind": (1.0, 1.0, {}),
    "blind2": (1.0, 29 / 30, {"PASSWORD": 0.5}),
}


def load(name: str) -> list[dict[str, Any]]:
    with (HERE / f"{name}.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.mark.parametrize(
    ("name", "rows"),
    [("blind", blind_builder.build()), ("blind2", blind2_builder.build())],
)
def test_files_are_what_their_builders_write(name: str, rows: list[dict[str, Any]]) -> None:
    assert load(name) == rows


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_records_have_the_corpus_shape(name: str) -> None:
    rows = load(name)
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert set(row) == {"id", "text", "lang", "private", "types"}, row["id"]
        assert set(row["types"]) <= set(ENTITY_TYPES), row["id"]
        assert row["private"] == bool(row["types"]), row["id"]
    assert {entity for row in rows for entity in row["types"]} == set(ENTITY_TYPES)
    assert sum(not row["private"] for row in rows) / len(rows) >= 0.45


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_precision_recall_and_per_type_recall(name: str, privacy_scanner: PrivacyScanner) -> None:
    rows = load(name)
    true_positives = false_positives = false_negatives = 0
    expected: Counter[str] = Counter()
    found_types: Counter[str] = Counter()
    misses: list[str] = []
    for row in rows:
        result = privacy_scanner.scan(row["text"])
        found = {finding.type for finding in result.findings}
        if result.private and row["private"]:
            true_positives += 1
        elif result.private:
            false_positives += 1
            misses.append(f"false positive {row['id']}: {row['text']!r} -> {sorted(found)}")
        elif row["private"]:
            false_negatives += 1
            misses.append(f"missed {row['id']} {row['types']}: {row['text']!r}")
        for entity in row["types"]:
            expected[entity] += 1
            found_types[entity] += entity in found
    precision = true_positives / max(true_positives + false_positives, 1)
    recall = true_positives / max(true_positives + false_negatives, 1)
    print(f"\n{name}: precision {precision:.4f}, recall {recall:.4f}, {len(rows)} messages")
    print("\n".join(misses))
    min_precision, min_recall, type_floors = FLOORS[name]
    assert precision >= min_precision, "\n".join(misses)
    assert recall >= min_recall, "\n".join(misses)
    for entity, count in expected.items():
        assert found_types[entity] / count >= type_floors.get(entity, 1.0), (
            f"{entity}: {found_types[entity]}/{count}"
        )
