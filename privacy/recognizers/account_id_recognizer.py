"""ACCOUNT_ID: an exchange UID / account id, only when context says so."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from privacy.context import ContextWords, WindowIndex
from privacy.entities import ACCOUNT_ID
from privacy.recognizers.base import (
    NUMBER_END,
    NUMBER_START,
    block_boost_on_negative_context,
    is_date_number,
)
from privacy.recognizers.phone_recognizer import is_cn_mobile


class BeaconAccountIdRecognizer(PatternRecognizer):
    """Recognize 6-20 digit account ids next to UID / 用户ID / account id.

    Masked ids ("UID 4829****8291") do not match: the digits touch a "*". A question about
    a UID with no number ("where is my UID?") has nothing to match. Negative numbers
    ("chat id -1001293786899") are not ids of people. A mainland mobile number after a
    generic account word ("账号13812345678") is left to PHONE_NUMBER.
    """

    PATTERNS: ClassVar[list[Pattern]] = [
        # "uid1931578884", "Uid-63053219": digits glued to "uid" (or "id") still count.
        Pattern(
            "6-20 digits",
            r"(?:(?<=(?i:id)[\-_#]?)|" + NUMBER_START + r"(?<!-))[0-9]{6,20}+" + NUMBER_END,
            0.2,
        ),
        # "UID: 4829-1738", "my uid is 4829 1738": an id read out in groups.
        Pattern(
            "digit groups",
            NUMBER_START
            + r"(?<![0-9][ \-])[0-9]{3,6}(?:[ \-][0-9]{3,6}){1,4}+"
            + NUMBER_END
            + r"(?![ \-][0-9])",
            0.2,
        ),
    ]
    # Words that name the exchange's id itself. After a generic word ("账号", "account") a
    # valid mainland mobile number is the phone number the user logs in with: PHONE_NUMBER.
    UID_CONTEXT: ClassVar[list[str]] = [
        "uid",
        "userid",
        "user id",
        "user_id",
        "account id",
        "accountid",
        "member id",
        "用户id",
        "账户id",
        "账号id",
        "会员id",
        "用户编号",
    ]
    CONTEXT: ClassVar[list[str]] = [
        *UID_CONTEXT,
        "account number",
        "account",
        "acct",
        "id",
        "账户",
        "账号",
    ]
    NEGATIVE_CONTEXT: ClassVar[list[str]] = [
        "order",
        "chat",
        "group",
        "channel",
        "telegram",
        "tg",
        "bot",
        "message",
        "msg",
        "withdrawal",
        "withdraw",
        "deposit",
        "transfer",
        "payment",
        "balance",
        "block",
        "case",
        "request",
        "tx",
        "txid",
        "ticket",
        "phone",
        "mobile",
        "card",
        "referral",
        "ref",
        "invite",
        "invitation",
        "promo",
        "邀请",
        "推荐",
        "订单",
        "交易id",
        "交易哈希",
        "工单",
        "手机",
        "电话",
        "卡号",
        "身份证",
        "银行卡",
        "提现",
        "提币",
        "充值",
        "充币",
        "转账",
        "余额",
        "区块",
        "群",
        "频道",
        "消息",
    ]

    def __init__(
        self,
        supported_language: str = "en",
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_entity: str = ACCOUNT_ID,
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
        self._positive = ContextWords(self.context)
        self._uid_words = ContextWords(self.UID_CONTEXT)

    def invalidate_result(self, pattern_text: str) -> bool:
        """A run of one repeated digit ("000000") is a placeholder, and a round number
        ("1000000") an amount and "20240315" a date, not an id; grouped digits count
        without their separators and must make 6-20 digits."""
        digits = pattern_text.replace(" ", "").replace("-", "")
        return (
            not 6 <= len(digits) <= 20
            or len(set(digits)) == 1
            or digits.endswith("000")
            or is_date_number(digits)
        )

    def enhance_using_context(
        self,
        text: str,
        raw_recognizer_results: list[RecognizerResult],
        other_raw_recognizer_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Keep the low score of amounts and of numbers named as orders, phones, cards..."""
        # Only words before the number: "UID 2497407892 phone +86 ..." is still a UID.
        results = block_boost_on_negative_context(
            raw_recognizer_results,
            nlp_artifacts,
            self._negative,
            suffix=0,
            positive=self._positive,
            text=text,
        )
        if nlp_artifacts is None or not nlp_artifacts.tokens_indices:
            return results
        index = WindowIndex.of(nlp_artifacts)
        for result in results:
            digits = text[result.start : result.end].replace(" ", "").replace("-", "")
            if (
                is_cn_mobile(digits)
                and not index.find_near(self._uid_words, result.start, result.end, 4, 0)[0]
            ):
                metadata = result.recognition_metadata
                metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
        return results


__all__ = ["BeaconAccountIdRecognizer"]
