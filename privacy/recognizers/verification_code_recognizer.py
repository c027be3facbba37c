"""VERIFICATION_CODE: a 4-8 digit 2FA / SMS / email code, only when context says so."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from privacy.context import ContextWords, WindowIndex
from privacy.entities import VERIFICATION_CODE
from privacy.recognizers.base import (
    NUMBER_END,
    NUMBER_START,
    block_boost_on_negative_context,
    is_date_number,
)


class BeaconVerificationCodeRecognizer(PatternRecognizer):
    """Recognize one-time codes: any 4-8 digit number scores below the line on its own, and
    context (验证码, 谷歌验证码, 2FA code, OTP, "code is ...") lifts it over.

    Codes read out in two groups ("123 456", "482-913") or digit by digit ("4 0 0 6 4 5")
    are matched as one value. Numbers near a referral/promo/error/order word keep their low
    score.
    """

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("4-8 digits", NUMBER_START + r"[0-9]{4,8}+" + NUMBER_END, 0.2),
        Pattern(
            "two groups of 3 or 4 digits",
            NUMBER_START + r"[0-9]{3,4}[ \-][0-9]{3,4}+" + NUMBER_END + r"(?![ \-][0-9])",
            0.2,
        ),
        Pattern(
            "digits one by one",
            NUMBER_START
            + r"(?<![0-9][ \-])[0-9](?:[ \-][0-9]){3,7}+"
            + NUMBER_END
            + r"(?![ \-][0-9])",
            0.2,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "验证码",
        "校验码",
        "动态码",
        "动态口令",
        "安全码",
        "短信码",
        "谷歌验证",
        "谷歌码",
        "ga码",
        "二次验证",
        "短信",
        "sms",
        "code",
        "codes",
        "otp",
        "2fa",
        "mfa",
        "totp",
        "verification",
        "authenticator",
        "pin",
    ]
    NEGATIVE_CONTEXT: ClassVar[list[str]] = [
        "referral",
        "invite",
        "invitation",
        "promo",
        "promotion",
        "coupon",
        "voucher",
        "error",
        "errors",
        "status",
        "http",
        "mean",
        "means",
        "meaning",
        "api",
        "order",
        "zip",
        "postal",
        "area code",
        "邀请码",
        "邀请",
        "推荐码",
        "优惠码",
        "兑换码",
        "错误",
        "错误码",
        "报错",
        "状态码",
        "意思",
        "订单",
        "邮编",
        "区号",
    ]

    def __init__(
        self,
        supported_language: str = "en",
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_entity: str = VERIFICATION_CODE,
        name: str | None = None,
    ) -> None:
        super().__init__(
            supported_entity=supported_entity,
            name=name or type(self).__name__,
            supported_language=supported_language,
            patterns=list(patterns if patterns is not None else self.PATTERNS),
            context=list(context if context is not None else self.CONTEXT),
        )
        self._negative = ContextWords(self.NEGATIVE_CONTEXT)
        # After a code, "error"/"错误" says the code was rejected ("验证码 433913 错误"); it
        # names the number only before it ("error code 30032").
        self._negative_after = ContextWords(
            [word for word in self.NEGATIVE_CONTEXT if word not in ("error", "错误")]
        )
        self._positive = ContextWords(self.context)
        # "code" alone also names error and status codes ("code 2002 error"); the other
        # words name a one-time code, so an "error" after it means the code was rejected.
        self._specific = ContextWords(
            [word for word in self.context if word not in _GENERIC_CODE_WORDS]
        )

    def invalidate_result(self, pattern_text: str) -> bool:
        """A run of one repeated digit ("0000") is a placeholder, a round number ("1000",
        "20000") a status code or amount (one code in a thousand ends in "000") and
        "20240315" a date."""
        digits = pattern_text.replace(" ", "").replace("-", "")
        return len(set(digits)) == 1 or digits.endswith("000") or is_date_number(digits)

    def enhance_using_context(
        self,
        text: str,
        raw_recognizer_results: list[RecognizerResult],
        other_raw_recognizer_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Keep the low score of amounts, years ("since 2024") and numbers named by a
        referral/promo/error/order word."""
        if nlp_artifacts is None or not nlp_artifacts.tokens_indices:
            return raw_recognizer_results
        index = WindowIndex.of(nlp_artifacts)
        specific, generic = [], []
        for result in raw_recognizer_results:
            if _is_year(text, result.start, result.end):
                metadata = result.recognition_metadata
                metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            elif index.distance_before(self._specific, result.start, result.end, 4) is not None:
                specific.append(result)
            else:
                generic.append(result)
        for group, after in ((specific, self._negative_after), (generic, self._negative)):
            block_boost_on_negative_context(
                group,
                nlp_artifacts,
                self._negative,
                positive=self._positive,
                text=text,
                negative_after=after,
            )
        return raw_recognizer_results


_GENERIC_CODE_WORDS = frozenset({"code", "codes"})
# A year, not a code: "since 2024", "in March 2023", "2024年".
_YEAR = regex.compile(r"(?:19|20)[0-9]{2}")
_YEAR_BEFORE = regex.compile(
    r"(?i:(?<![A-Za-z])(?:since|in|until|till|before|after|during|from|year|of|by"
    r"|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)[ \t.,]{1,3})$"
)
_YEAR_AFTER = regex.compile(r"[ \t]?年")


def _is_year(text: str, start: int, end: int) -> bool:
    if _YEAR.fullmatch(text, start, end) is None:
        return False
    return (
        _YEAR_AFTER.match(text, end) is not None
        or _YEAR_BEFORE.search(text, max(0, start - 12), start) is not None
    )


__all__ = ["BeaconVerificationCodeRecognizer"]
