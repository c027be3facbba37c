"""`PrivacyGuard.review`: what to do about a message that holds private data.

Pure: it takes the message, what the scanner found, the chat's policy and whether the sender
speaks for the chat, and returns a `GuardDecision` with the notices ready to send. Carrying it
out (deleting, sending, recording) is `PrivacyService`'s job.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from bot.deep_links import deep_link
from bot.messages import Inbound, Reply, Sender
from bot.privacy_guard.notices import NoticeWriter
from bot.privacy_guard.policy import ChatPolicy
from bot.privacy_guard.ports import FoundSpan
from privacy.entities import ALL_ENTITIES

__all__ = [
    "LINK_PREFIX",
    "TOKEN_LENGTH",
    "GuardAction",
    "GuardDecision",
    "PrivacyGuard",
    "new_token",
]

LINK_PREFIX = "priv_"
TOKEN_LENGTH = 16  # characters of `new_token()`
CRITICAL = "critical"
SENSITIVE = "sensitive"


class GuardAction(StrEnum):
    NONE = "none"
    DELETE_AND_NOTICE = "delete_and_notice"  # group, delete mode
    ASK_TO_DELETE = "ask_to_delete"  # group, warn mode (or the bot cannot delete)
    WARN_PRIVATE = "warn_private"  # private chat: remove a critical secret and warn


@dataclass(frozen=True)
class GuardDecision:
    action: GuardAction
    kinds: tuple[str, ...] = ()  # entity types acted on, most severe first
    severity: str | None = None  # "critical" | "sensitive"
    findings: tuple[FoundSpan, ...] = field(default=(), repr=False)
    token: str | None = None  # deep-link token (group incidents)
    link: str | None = None
    notice: Reply | None = None  # to the chat where the message was posted
    # To the sender in the private chat. Groups get no unsolicited DM: "support" writing first
    # is exactly what scammers do; the notice's button lets the sender come to the bot.
    dm: Reply | None = None

    @property
    def acted(self) -> bool:
        return self.action is not GuardAction.NONE

    @property
    def critical(self) -> bool:
        return self.severity == CRITICAL


def new_token() -> str:
    """16 URL-safe characters: `priv_` + token stays well inside a 64-character payload."""
    token = secrets.token_urlsafe(12)
    assert len(token) == TOKEN_LENGTH  # 12 bytes are always 16 base64 characters
    return token


class PrivacyGuard:
    def __init__(self, notices: NoticeWriter, make_token: Callable[[], str] = new_token) -> None:
        self._notices = notices
        self._make_token = make_token

    def review(
        self,
        inbound: Inbound,
        findings: Sequence[FoundSpan],
        policy: ChatPolicy,
        *,
        speaks_for_chat: bool,
        bot_username: str,
    ) -> GuardDecision:
        """Decide. `speaks_for_chat`: a chat admin, an anonymous admin or a channel post."""
        if inbound.is_private:
            return self._review_private(inbound, findings)
        relevant = [f for f in findings if f.type in policy.types]
        if speaks_for_chat and policy.admins == "exempt":
            relevant = [f for f in relevant if f.severity == CRITICAL]
        if not relevant:
            return GuardDecision(GuardAction.NONE)
        kinds = _kinds(relevant)
        critical = any(f.severity == CRITICAL for f in relevant)
        token = self._make_token()
        link = deep_link(bot_username, LINK_PREFIX + token)
        if policy.mode == "delete":
            action = GuardAction.DELETE_AND_NOTICE
            notice = self._notices.removed_notice(inbound, kinds, critical, link)
        else:
            action = GuardAction.ASK_TO_DELETE
            notice = self._notices.ask_notice(inbound, kinds, critical, link)
        return GuardDecision(
            action=action,
            kinds=kinds,
            severity=CRITICAL if critical else SENSITIVE,
            findings=tuple(relevant),
            token=token,
            link=link,
            notice=notice,
        )

    def fall_back_to_asking(
        self, inbound: Inbound, decision: GuardDecision, admins: Sequence[Sender] | None
    ) -> GuardDecision:
        """The delete failed: ask the sender instead; with `admins` (the bot lacks the
        right), call them in too."""
        assert decision.link is not None
        notice = self._notices.ask_notice(
            inbound, decision.kinds, decision.critical, decision.link, admins
        )
        return GuardDecision(
            action=GuardAction.ASK_TO_DELETE,
            kinds=decision.kinds,
            severity=decision.severity,
            findings=decision.findings,
            token=decision.token,
            link=decision.link,
            notice=notice,
        )

    def fall_back_to_asking_private(
        self, inbound: Inbound, decision: GuardDecision
    ) -> GuardDecision:
        """The delete in the private chat failed: say so and ask the sender to delete it."""
        dm = self._notices.private_warning(decision.kinds, inbound.language, deleted=False)
        return GuardDecision(
            action=decision.action,
            kinds=decision.kinds,
            severity=decision.severity,
            findings=decision.findings,
            dm=dm,
        )

    def _review_private(self, inbound: Inbound, findings: Sequence[FoundSpan]) -> GuardDecision:
        # Support needs UIDs and transaction hashes: only critical secrets are removed here.
        critical = [f for f in findings if f.severity == CRITICAL]
        if not critical:
            return GuardDecision(GuardAction.NONE)
        kinds = _kinds(critical)
        return GuardDecision(
            action=GuardAction.WARN_PRIVATE,
            kinds=kinds,
            severity=CRITICAL,
            findings=tuple(critical),
            dm=self._notices.private_warning(kinds, inbound.language),
        )


def _kinds(findings: Sequence[FoundSpan]) -> tuple[str, ...]:
    """Distinct types in the fixed order of `ALL_ENTITIES` (most severe first)."""
    found = {f.type for f in findings}
    return tuple(t for t in ALL_ENTITIES if t in found)
