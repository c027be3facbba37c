"""`PrivacyService`: scan a message, let `PrivacyGuard` decide, and carry the decision out.

Handlers call one method each: `review_message` (every message, before anything else),
`explain_link` (`/start priv_<token>`), `policy_command` (`/privacy ...`) and
`check_bot_rights` (when the bot's rights in a chat change).
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Sequence

from bot.answers.knowledge_base import parse_start_payload
from bot.chats import ChatDirectory
from bot.clock import Clock
from bot.errors import InvalidInput
from bot.messages import Inbound, Reply, Sender
from bot.privacy_guard.guard import (
    CRITICAL,
    LINK_PREFIX,
    TOKEN_LENGTH,
    GuardAction,
    GuardDecision,
    PrivacyGuard,
    new_token,
)
from bot.privacy_guard.incidents import PrivacyIncidents, forget_persisted_salt
from bot.privacy_guard.notices import NoticeWriter
from bot.privacy_guard.policy import ChatPolicy, PrivacyPolicies, apply_policy_command
from bot.privacy_guard.ports import ChatActions, DeleteOutcome, FoundSpan, TextScanner
from bot.privacy_guard.sweeper import NoticeSweeper
from bot.storage import Database
from bot.texts import Texts

__all__ = ["PrivacyService", "build_privacy_service"]

log = logging.getLogger(__name__)

_GROUPS = ("group", "supergroup")
_REMOVED = (DeleteOutcome.DELETED, DeleteOutcome.GONE)
# A delete Telegram failed to do is tried again this much later (then with the sweeper's backoff).
RETRY_DELETE_AFTER_SECONDS = 5


class PrivacyService:
    def __init__(
        self,
        *,
        scanner: TextScanner,
        guard: PrivacyGuard,
        notices: NoticeWriter,
        policies: PrivacyPolicies,
        incidents: PrivacyIncidents,
        sweeper: NoticeSweeper,
        chats: ChatDirectory,
        actions: ChatActions,
        default_notice_ttl: int,
    ) -> None:
        self._scanner = scanner
        self._guard = guard
        self._notices = notices
        self.policies = policies
        self.incidents = incidents
        self.sweeper = sweeper
        self._chats = chats
        self._actions = actions
        self._default_ttl = default_notice_ttl

    # -- messages --------------------------------------------------------------------------

    async def review_message(self, inbound: Inbound) -> bool:
        """Act on private data in a message; True when the guard acted (stop other handlers).

        True as soon as the decision is to act, even when carrying it out failed (Telegram
        down, a database error): a message that holds a secret is never left to other
        features, which would answer it or quote it.
        """
        if not inbound.text.strip():
            return False
        if inbound.sender is not None and inbound.sender.username == self._actions.bot_username:
            return False  # the bot's own messages are never scanned
        if inbound.is_private and _is_own_deep_link_start(inbound.text):
            return False  # a payload the bot made (random tokens can look like passwords)
        findings = list(self._scanner.scan(inbound.text).findings)
        if not findings:
            return False
        return await self.review_findings(inbound, findings)

    async def review_findings(self, inbound: Inbound, findings: Sequence[FoundSpan]) -> bool:
        """Decide and act on what a scan found; the findings index `inbound.text` (for an
        image, the text read in it). True when the guard acted, as `review_message`."""
        policy = ChatPolicy() if inbound.is_private else await self.policies.get(inbound.chat_id)
        decision = self._guard.review(
            inbound,
            findings,
            policy,
            speaks_for_chat=await self._speaks_for_chat(inbound, policy, findings),
            bot_username=self._actions.bot_username,
        )
        if not decision.acted:
            return False
        try:
            if inbound.is_edit:
                seen = await self.incidents.seen_in_message(inbound.chat_id, inbound.message_id)
                prints = self.incidents.fingerprints(inbound.text, decision.findings)
                if seen and prints <= seen:
                    return True  # an edit that kept the same secret: already handled
            await self._carry_out(inbound, decision, policy)
        except Exception as error:
            _log_failure("could not carry out a privacy decision", inbound, error)
        return True

    async def _speaks_for_chat(
        self, inbound: Inbound, policy: ChatPolicy, findings: Sequence[FoundSpan]
    ) -> bool:
        if inbound.is_private:
            return False
        if inbound.sender_chat_id is not None:
            return True  # an anonymous admin (sender_chat == chat) or a channel post
        if policy.admins != "exempt" or inbound.user_id is None:
            return False
        if all(f.severity == CRITICAL for f in findings):
            return False  # critical secrets are caught from everyone: no need to ask
        return await self._actions.is_admin(inbound.chat_id, inbound.user_id)

    async def _carry_out(
        self, inbound: Inbound, decision: GuardDecision, policy: ChatPolicy
    ) -> None:
        action = decision.action
        if action is GuardAction.WARN_PRIVATE:
            outcome = await self._delete(inbound)
            if outcome not in _REMOVED:
                await self._retry_delete_later(inbound, outcome)
                decision = self._guard.fall_back_to_asking_private(inbound, decision)
            await self._safely_record(inbound, decision, "warned_private", token=None)
            if decision.dm is not None:
                await self._actions.send(inbound.chat_id, decision.dm)
            return
        done = "asked"
        admins: list[Sender] | None = None  # set when the bot turned out to lack the right
        if action is GuardAction.DELETE_AND_NOTICE:
            outcome = await self._delete(inbound)
            if outcome is DeleteOutcome.NOT_ALLOWED:
                admins = await self._actions.chat_admins(inbound.chat_id)
                decision = self._guard.fall_back_to_asking(inbound, decision, admins)
            elif outcome is DeleteOutcome.FAILED:
                # Telegram failed, the right is there: ask the sender now, retry the delete.
                await self._retry_delete_later(inbound, outcome)
                decision = self._guard.fall_back_to_asking(inbound, decision, None)
            else:
                done = "deleted"
        # Recorded before the notice goes out, so its deep link works from the first tap.
        await self._safely_record(inbound, decision, done, token=decision.token)
        assert decision.notice is not None
        notice_id = await self._actions.send(
            inbound.chat_id, decision.notice, thread_id=inbound.thread_id
        )
        ttl = policy.ttl(self._default_ttl)
        if notice_id is not None and ttl > 0:
            await self.sweeper.schedule(inbound.chat_id, notice_id, ttl)
        if admins is not None:
            await self._warn_admins_once(
                inbound.chat_id, inbound.chat_type, admins, inbound.language
            )

    async def _delete(self, inbound: Inbound) -> DeleteOutcome:
        try:
            return await self._actions.delete_message(inbound.chat_id, inbound.message_id)
        except Exception as error:  # the port should not raise; if it does, it is a failure
            _log_failure("delete failed", inbound, error)
            return DeleteOutcome.FAILED

    async def _retry_delete_later(self, inbound: Inbound, outcome: DeleteOutcome) -> None:
        """A delete Telegram failed to do is tried again by the sweeper, with backoff."""
        if outcome is not DeleteOutcome.FAILED:
            return
        try:
            await self.sweeper.schedule(
                inbound.chat_id, inbound.message_id, RETRY_DELETE_AFTER_SECONDS
            )
        except Exception as error:  # the notice asking the sender matters more
            _log_failure("could not schedule a retry of a delete", inbound, error)

    async def _safely_record(
        self, inbound: Inbound, decision: GuardDecision, done: str, token: str | None
    ) -> None:
        # Without the record the deep link only says "unknown link": the notice still matters.
        try:
            await self._record(inbound, decision, done, token)
        except Exception as error:
            _log_failure("could not record a privacy incident", inbound, error)

    async def _record(
        self, inbound: Inbound, decision: GuardDecision, done: str, token: str | None
    ) -> None:
        incident = await self.incidents.record(
            inbound,
            token=token or new_token(),
            kinds=decision.kinds,
            severity=decision.severity or CRITICAL,
            findings=decision.findings,
            action=done,
        )
        log.info(
            "private data in a message",
            extra={
                "chat_id": incident.chat_id,
                "message_id": incident.message_id,
                "kinds": list(incident.kinds),
                "action": done,
                "edited": inbound.is_edit,
                "forwarded": inbound.is_forward,
            },
        )

    # -- the bot's rights ------------------------------------------------------------------

    async def check_bot_rights(self, chat_id: int, lang: str | None = None) -> None:
        """Tell a group's admins, once, that the bot cannot delete messages there."""
        chat = await self._chats.get(chat_id)
        if chat is None or chat.type not in _GROUPS or not chat.bot_is_member:
            return
        if chat.bot_can_delete:
            return
        await self._warn_admins_once(chat_id, chat.type, None, lang or chat.language)

    async def _warn_admins_once(
        self, chat_id: int, chat_type: str, admins: list[Sender] | None, lang: str
    ) -> None:
        if await self._chats.get(chat_id) is None:
            await self._chats.record_chat(chat_id, chat_type, None, None)
        if not await self._chats.mark_rights_warned(chat_id):
            return
        if admins is None:
            admins = await self._actions.chat_admins(chat_id)
        await self._actions.send(chat_id, self._notices.rights_warning(admins, lang))
        log.info("admins told the bot cannot delete messages", extra={"chat_id": chat_id})

    # -- /start priv_<token> ---------------------------------------------------------------

    async def explain_link(self, token: str, user: Sender, lang: str) -> Reply:
        """What happened to the user's message and what to do now, with a ticket offer."""
        incident = await self.incidents.by_token(token)
        if incident is None or incident.user_id != user.user_id:
            return self._notices.unknown_link(user.display_name, lang)
        deleted = incident.action == "deleted"
        return self._notices.explanation(user.display_name, incident.kinds, deleted, lang)

    # -- /privacy --------------------------------------------------------------------------

    async def policy_command(self, inbound: Inbound, args: list[str]) -> Reply:
        """Show the chat's policy; change it when a chat admin gives arguments."""
        lang = inbound.language
        if inbound.chat_type not in _GROUPS:
            return Reply(self._notices.text("policy_group_only", lang))
        policy = await self.policies.get(inbound.chat_id)
        if args:
            if not await self._is_chat_admin(inbound):
                return Reply(self._notices.text("policy_admins_only", lang))
            try:
                policy = apply_policy_command(policy, args)
            except InvalidInput as error:
                known = self._notices.type_list(ChatPolicy().types)
                return Reply(self._notices.text(error.text_key.split(".")[-1], lang, types=known))
            await self.policies.save(inbound.chat_id, policy, inbound.user_id)
            summary = self._describe(policy, lang)
            return Reply(f"{self._notices.text('policy_updated', lang)}\n\n{summary}")
        return Reply(self._describe(policy, lang))

    async def _is_chat_admin(self, inbound: Inbound) -> bool:
        if inbound.sender_chat_id == inbound.chat_id:
            return True  # an anonymous admin
        if inbound.user_id is None:
            return False
        return await self._actions.is_admin(inbound.chat_id, inbound.user_id)

    def _describe(self, policy: ChatPolicy, lang: str) -> str:
        ttl = policy.ttl(self._default_ttl)
        text = self._notices.text
        types = self._notices.type_list(policy.types) or text("types_none", lang)
        return text(
            "policy_show",
            lang,
            types=types,
            mode=text(f"mode_{policy.mode}", lang),
            admins=text(f"admins_{policy.admins}", lang),
            ttl=text("ttl_seconds", lang, seconds=ttl) if ttl else text("ttl_never", lang),
        )

    # -- /forget ---------------------------------------------------------------------------

    async def forget_user(self, user_id: int) -> None:
        """Remove the user's incidents; a policy they set stays, without their name on it."""
        await self.incidents.forget_user(user_id)
        await self.policies.forget_user(user_id)

    # -- worker ----------------------------------------------------------------------------

    async def start(self) -> None:
        await self.sweeper.start()

    async def stop(self) -> None:
        await self.sweeper.stop()


# The payloads the bot itself puts in links (bot/deep_links.py), each in its exact shape.
_OWN_PAYLOAD = re.compile(rf"{LINK_PREFIX}[A-Za-z0-9_-]{{{TOKEN_LENGTH}}}|ticket|complaint|verify")


def _is_own_deep_link_start(text: str) -> bool:
    """`/start <payload>` where the payload is one the bot makes, in its exact shape.

    Only these are skipped (a random `priv_` token can look like a password); anything else
    after /start, say a private key, is scanned like any other message.
    """
    parts = text.split()
    if len(parts) != 2 or parts[0].split("@")[0] != "/start":
        return False
    payload = parts[1]
    return bool(_OWN_PAYLOAD.fullmatch(payload)) or parse_start_payload(payload) is not None


def _log_failure(what: str, inbound: Inbound, error: Exception) -> None:
    # Where it failed, not the error's text: that might quote the message.
    log.error(
        what,
        extra={
            "chat_id": inbound.chat_id,
            "message_id": inbound.message_id,
            "error": type(error).__name__,
            "where": "".join(traceback.format_tb(error.__traceback__)),
        },
    )


async def build_privacy_service(
    db: Database,
    texts: Texts,
    clock: Clock,
    scanner: TextScanner,
    actions: ChatActions,
    default_notice_ttl: int,
) -> PrivacyService:
    """Build the guard and its stores.

    The fingerprint key lives in this process only (see `incidents.py`); a key an older
    version kept in the database is removed here.
    """
    notices = NoticeWriter(texts)
    await forget_persisted_salt(db)
    return PrivacyService(
        scanner=scanner,
        guard=PrivacyGuard(notices),
        notices=notices,
        policies=PrivacyPolicies(db, clock),
        incidents=PrivacyIncidents(db, clock),
        sweeper=NoticeSweeper(db, actions, clock),
        chats=ChatDirectory(db, clock),
        actions=actions,
        default_notice_ttl=default_notice_ttl,
    )
