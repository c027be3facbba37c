"""The real-text training examples are well-formed, labelled with spec slugs, and sourced."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "content" / "examples" / "real"
REASONS = {"thanks", "chatter", "price", "other-company", "spam", "off-topic", "not-support",
           "developer-question"}
FIELDS = ["id", "text", "lang", "slug", "reason", "source"]


def _spec_slugs() -> set[str]:
    lines = (ROOT / "content" / "spec_slugs.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _records(lang: str) -> list[dict[str, object]]:
    lines = (REAL / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _sources() -> dict[str, dict[str, str]]:
    with (REAL / "sources.tsv").open(encoding="utf-8", newline="") as fh:
        return {row["source"]: row for row in csv.DictReader(fh, delimiter="\t")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_records_follow_the_schema(lang: str) -> None:
    slugs = _spec_slugs()
    for rec in _records(lang):
        assert list(rec) == FIELDS, rec
        assert re.fullmatch(rf"real-{lang}-\d{{4}}", str(rec["id"])), rec
        assert rec["lang"] == lang and str(rec["text"]).strip(), rec
        assert (rec["slug"] is None) != (rec["reason"] is None), rec
        assert rec["slug"] is None or rec["slug"] in slugs, rec
        assert rec["reason"] is None or rec["reason"] in REASONS, rec


def test_ids_and_texts_are_unique() -> None:
    records = _records("en") + _records("zh")
    assert len({r["id"] for r in records}) == len(records)
    texts = [re.sub(r"\W+", "", str(r["text"]).lower()) for r in records]
    assert len(set(texts)) == len(texts)


def test_every_record_has_a_recorded_source_and_no_source_is_unused() -> None:
    sources = _sources()
    used = {str(r["source"]) for r in _records("en") + _records("zh")}
    assert used == set(sources)
    for row in sources.values():
        assert row["corpus"] in {"issues", "pages"} and row["where"], row


def test_both_kinds_of_example_are_present() -> None:
    records = _records("en") + _records("zh")
    answered = sum(1 for r in records if r["slug"])
    assert answered >= 50 and len(records) - answered >= 50
