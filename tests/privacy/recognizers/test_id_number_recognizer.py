from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.recognizers.id_number_recognizer import BeaconIdNumberRecognizer
from privacy.validators.cn_id import PROVINCE_CODES, cn_id_check_char
from tests.privacy.timing import RECOGNIZER_CPU_BOUND_SECONDS, best_cpu_seconds

ENTITY = "ID_NUMBER"
RECOGNIZERS = {lang: BeaconIdNumberRecognizer(supported_language=lang) for lang in ("en", "zh")}

# The example printed in GB 11643-1999.
CN_ID = "11010519491231002X"


def found(lang: str, text: str) -> list[tuple[int, int, float]]:
    results = RECOGNIZERS[lang].analyze(text, entities=[ENTITY], nlp_artifacts=None)
    assert all(result.entity_type == ENTITY for result in results)
    return sorted((result.start, result.end, round(result.score, 2)) for result in results)


def spans(text: str, *expected: tuple[str, float]) -> list[tuple[int, int, float]]:
    return sorted((text.index(v), text.index(v) + len(v), score) for v, score in expected)


CASES = [
    pytest.param("zh", f"身份证号{CN_ID}谢谢", [(CN_ID, 1.0)], id="zh-touching"),
    pytest.param("zh", f"{CN_ID.lower()}", [(CN_ID.lower(), 1.0)], id="zh-lower-x-no-context"),
    pytest.param(
        "zh",
        "我的身份证 110105 19491231 002X 提示已被认证",
        [("110105 19491231 002X", 1.0)],
        id="zh-grouped",
    ),
    pytest.param("en", f"my ID {CN_ID}, KYC stuck", [(CN_ID, 1.0)], id="en-cn-id"),
    pytest.param(
        "en", "ID card: 110105-19491231-002X", [("110105-19491231-002X", 1.0)], id="en-dashes"
    ),
    pytest.param("zh", "护照号E12345678", [("E12345678", 0.85)], id="zh-passport-e"),
    pytest.param("zh", "护照：EA1234567，审核多久", [("EA1234567", 0.85)], id="zh-passport-ea"),
    pytest.param("zh", "护照号码：761599802", [("761599802", 0.85)], id="zh-passport-9-digits"),
    pytest.param("en", "passport no. G12345678 rejected", [("G12345678", 0.85)], id="en-passport"),
    pytest.param(
        "en", "code K1234567 is my passport", [("K1234567", 0.85)], id="en-passport-after"
    ),
    pytest.param(
        "en",
        "KYC says document number G36838796 already used",
        [("G36838796", 0.85)],
        id="en-document-number",
    ),
    # Not identity numbers.
    pytest.param("zh", "身份证号110105194912310021", [], id="zh-wrong-check-digit"),
    pytest.param("zh", "身份证号110105194902300028", [], id="zh-february-30"),
    pytest.param("zh", "990105194912310021", [], id="zh-unknown-region"),
    pytest.param("en", "order 202405011234567890", [], id="en-order-number"),
    pytest.param("en", f"{CN_ID}1", [], id="en-19-characters"),
    pytest.param("en", f"ref{CN_ID}", [], id="en-inside-a-word"),
    pytest.param("en", "order E12345678 shipped", [], id="en-passport-shape-no-context"),
    pytest.param("zh", "订单号761599802", [], id="zh-9-digits-no-context"),
    pytest.param("en", "passport renewal takes 3 weeks, ref 12345678", [], id="en-8-digits"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_cases(lang: str, text: str, expected: list[tuple[str, float]]) -> None:
    assert found(lang, text) == spans(text, *expected)


@given(
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.integers(0, 9999),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)),
    st.integers(0, 999),
    st.sampled_from(["身份证{}", "my id is {}.", "{}"]),
)
def test_any_valid_resident_id_is_found_and_a_wrong_check_char_is_not(
    province: int, district: int, born: date, sequence: int, template: str
) -> None:
    first17 = f"{province:02d}{district:04d}{born:%Y%m%d}{sequence:03d}"
    check = cn_id_check_char(first17)
    text = template.format(first17 + check)
    assert found("zh", text) == spans(text, (first17 + check, 1.0))
    wrong = "0" if check != "0" else "1"
    assert found("zh", template.format(first17 + wrong)) == []


CRAFTED = [
    "1" * 4096,
    "110105194912310021 " * 216,
    "护照E1234567 " * 373,
    "E1234567" * 512,
    "11010519491231" * 293,
]


@pytest.mark.parametrize("text", CRAFTED, ids=range(len(CRAFTED)))
def test_crafted_4096_char_message_scans_fast(text: str) -> None:
    text = text[:4096]
    best = best_cpu_seconds(
        lambda: RECOGNIZERS["en"].analyze(text, entities=[ENTITY], nlp_artifacts=None)
    )
    assert best < RECOGNIZER_CPU_BOUND_SECONDS, f"{best * 1000:.1f} ms CPU"
