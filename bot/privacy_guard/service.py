"""`PrivacyService`: scan a message, let `PrivacyGuard` decide, and carry the decision out.

Handlers call one method each: `review_message` (every message, before anything else),
`explain_link` (`/start priv_<token>`), `policy_command` (`/privacy ...`) and
`check_bot_rights` (when the bot's rights in a chat change).
"""

from __future__ import annotations

import asyncio
import logging
import re
import traceback
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace

from bot.answers.knowledge_base import parse_start_payload
from bot.chats import ChatDirectory
from bot.clock import Clock
from bot.errors import InvalidInput
from bot.messages import Inbound, Reply, Sender
from bot.privacy_guard.board import NoticeBoard
from bot.privacy_guard.deletions import DeleteBatcher
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
from bot.privacy_guard.notices import NoticeEntry, NoticeWriter
from bot.privacy_guard.policy import ChatPolicy, PrivacyPolicies, apply_policy_command
from bot.privacy_guard.ports import ChatActions, DeleteOutcome, FoundSpan, TextScanner
from bot.privacy_guard.recent import RecentMessages
from bot.privacy_guard.roster import ChatRoster
from bot.privacy_guard.sweeper import NoticeSweeper
from bot.storage import Database
from bot.texts import Texts

__all__ = ["PrivacyService", "build_privacy_service"]

log = logging.getLogger(__name__)

_GROUPS = ("group", "supergroup")
_REMOVED = (DeleteOutcome.DELETED, DeleteOutcome.GONE)
# A delete Telegram failed to do is tried again this much later (then with the sweeper's backoff).
RETRY_DELETE_AFTER_SECONDS = 5
MAX_SEEN_MESSAGES = 10_000
# On stop, notices and records still due get this long before storage closes.
STOP_TIMEOUT_SECONDS = 10.0


def _worst(outcomes: list[DeleteOutcome]) -> DeleteOutcome:
    """A decision on several messages (a split secret) is as done as its least done part."""
    for outcome in (DeleteOutcome.NOT_ALLOWED, DeleteOutcome.FAILED, DeleteOutcome.GONE):
        if outcome in outcomes:
            return outcome
    return DeleteOutcome.DELETED


class PrivacyService:
    """Scan, decide, remove at once; everything else (record, notice) follows in the background.

    `review_message` returns as soon as the delete is queued: it never waits for a notice,
    an admin lookup (the roster answers from memory) or the database (policies are cached,
    the record is written after the delete, best effort). So a busy chat, a slow rate limit
    or a failing disk never keeps a secret on screen.
    """

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
        self.deletes = DeleteBatcher(actions)
        self.roster = ChatRoster(actions)
        self.board = NoticeBoard(actions, notices, sweeper)
        self._recent = RecentMessages()
        # Fingerprints this process acted on, per message (an edit that keeps the secret).
        # The fingerprint key lives in this process only, so memory knows all that matches.
        self._seen: OrderedDict[tuple[int, int], frozenset[str]] = OrderedDict()
        self._follow_ups: set[asyncio.Task[None]] = set()

    # -- messages --------------------------------------------------------------------------

    async def review_message(self, inbound: Inbound) -> bool:
        """Act on private data in a message; True when the guard acted (stop other handlers).

        True as soon as the decision is to act, even when carrying it out fails later
        (Telegram down, a database error): a message that holds a secret is never left to
        other features, which would answer it or quote it.
        """
        inbound = replace(inbound, text=inbound.scannable_text, attached_text="")
        if not inbound.text.strip():
            return False
        if inbound.sender is not None and inbound.sender.username == self._actions.bot_username:
            return False  # the bot's own messages are never scanned
        if inbound.is_private and _is_own_deep_link_start(inbound.text):
            return False  # a payload the bot made (random tokens can look like passwords)
        if inbound.chat_type in _GROUPS:
            self.roster.warm(inbound.chat_id)  # so an admin check later finds it in memory
        policy = ChatPolicy() if inbound.is_private else self.policies.cached(inbound.chat_id)
        findings = list(self._scanner.scan(inbound.text).findings)
        decision = await self._decide(inbound, findings, policy) if findings else None
        parts: tuple[int, ...] = (inbound.message_id,)
        if decision is None or not decision.acted:
            split = await self._split_secret(inbound, policy)
            if split is None:
                self._remember(inbound)
                return False
            decision, parts, inbound = split
        return self._act(inbound, decision, policy, parts)

    async def review_findings(self, inbound: Inbound, findings: Sequence[FoundSpan]) -> bool:
        """Decide and act on what a scan found; the findings index `inbound.text` (for an
        image, the text read in it). True when the guard acted, as `review_message`."""
        policy = ChatPolicy() if inbound.is_private else self.policies.cached(inbound.chat_id)
        decision = await self._decide(inbound, findings, policy)
        if not decision.acted:
            return False
        return self._act(inbound, decision, policy, (inbound.message_id,))

    def _act(
        self,
        inbound: Inbound,
        decision: GuardDecision,
        policy: ChatPolicy,
        parts: tuple[int, ...],
    ) -> bool:
        """Queue the deletes now; record and notice follow in the background."""
        if inbound.is_edit:
            prints = self.incidents.fingerprints(inbound.text, decision.findings)
            seen = self._seen.get((inbound.chat_id, inbound.message_id))
            if seen and prints and prints <= seen:
                return True  # an edit that kept the same secret: already handled
        self._mark_seen(inbound, decision)
        removing = decision.action in (GuardAction.DELETE_AND_NOTICE, GuardAction.WARN_PRIVATE)
        outcomes = (
            [self.deletes.submit(inbound.chat_id, message_id) for message_id in parts]
            if removing
            else []
        )
        task = asyncio.create_task(self._follow_up(inbound, decision, policy, outcomes))
        self._follow_ups.add(task)
        task.add_done_callback(self._follow_ups.discard)
        return True

    async def _decide(
        self, inbound: Inbound, findings: Sequence[FoundSpan], policy: ChatPolicy
    ) -> GuardDecision:
        return self._guard.review(
            inbound,
            findings,
            policy,
            speaks_for_chat=await self._speaks_for_chat(inbound, policy, findings),
            bot_username=self._actions.bot_username,
        )

    async def _split_secret(
        self, inbound: Inbound, policy: ChatPolicy
    ) -> tuple[GuardDecision, tuple[int, ...], Inbound] | None:
        """A secret that only shows when the member's recent messages are read together."""
        if inbound.user_id is None or inbound.is_edit:
            return None
        for joined in self._recent.joined(
            inbound.chat_id, inbound.user_id, inbound.message_id, inbound.text
        ):
            last_start, last_end = joined.last_span
            # Only findings that reach into the new message and into an earlier one: the
            # earlier messages were each scanned (and let through) already.
            split = [
                f
                for f in self._scanner.scan(joined.text).findings
                if f.start < last_end
                and last_start < f.end
                and len(joined.ids_within(f.start, f.end)) > 1
            ]
            if not split:
                continue
            whole = replace(inbound, text=joined.text)
            decision = await self._decide(whole, split, policy)
            if not decision.acted:
                continue
            parts = tuple(
                dict.fromkeys(i for f in split for i in joined.ids_within(f.start, f.end))
            )
            self._recent.drop(inbound.chat_id, inbound.user_id, parts)
            return decision, parts, whole
        return None

    def _remember(self, inbound: Inbound) -> None:
        if inbound.user_id is not None and not inbound.is_edit:
            self._recent.add(inbound.chat_id, inbound.user_id, inbound.message_id, inbound.text)

    def _mark_seen(self, inbound: Inbound, decision: GuardDecision) -> None:
        key = (inbound.chat_id, inbound.message_id)
        prints = self.incidents.fingerprints(inbound.text, decision.findings)
        self._seen[key] = self._seen.get(key, frozenset()) | prints
        self._seen.move_to_end(key)
        while len(self._seen) > MAX_SEEN_MESSAGES:
            self._seen.popitem(last=False)

    async def _speaks_for_chat(
        self, inbound: Inbound, policy: ChatPolicy, findings: Sequence[FoundSpan]
    ) -> bool:
        if inbound.is_private:
            return False
        if inbound.chat_type == "channel":
            return True  # a channel's own post
        if inbound.sender_chat_id is not None:
            if inbound.sender_chat_id == inbound.chat_id:
                return True  # an anonymous admin
            # Only the group's own linked channel speaks for it, not any channel a member
            # chose to "send as".
            facts = await self.roster.facts(inbound.chat_id)
            return facts is not None and facts.linked_chat_id == inbound.sender_chat_id
        if policy.admins != "exempt" or inbound.user_id is None:
            return False
        if all(f.severity == CRITICAL for f in findings):
            return False  # critical secrets are caught from everyone: no need to ask
        return await self.roster.is_admin(inbound.chat_id, inbound.user_id)

    async def _follow_up(
        self,
        inbound: Inbound,
        decision: GuardDecision,
        policy: ChatPolicy,
        outcomes: list[asyncio.Future[DeleteOutcome]],
    ) -> None:
        try:
            await self._carry_out(inbound, decision, policy, outcomes)
        except Exception as error:
            _log_failure("could not finish a privacy decision", inbound, error)

    async def _carry_out(
        self,
        inbound: Inbound,
        decision: GuardDecision,
        policy: ChatPolicy,
        outcomes: list[asyncio.Future[DeleteOutcome]],
    ) -> None:
        action = decision.action
        outcome = _worst([await future for future in outcomes]) if outcomes else None
        if action is GuardAction.WARN_PRIVATE:
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
        ttl = policy.ttl(self._default_ttl)
        if done == "deleted":
            assert decision.link is not None
            entry = NoticeEntry(
                inbound.sender, decision.kinds, decision.critical, decision.link, inbound.language
            )
            self.board.post(inbound.chat_id, entry, thread_id=inbound.thread_id, ttl=ttl)
        else:
            assert decision.notice is not None
            notice_id = await self._actions.send(
                inbound.chat_id, decision.notice, thread_id=inbound.thread_id
            )
            if notice_id is not None and ttl > 0:
                await self._safely_schedule(inbound, notice_id, ttl)
        if admins is not None:
            await self._warn_admins_once(
                inbound.chat_id, inbound.chat_type, admins, inbound.language
            )

    async def _retry_delete_later(self, inbound: Inbound, outcome: DeleteOutcome | None) -> None:
        """A delete Telegram failed to do is tried again by the sweeper, with backoff."""
        if outcome is not DeleteOutcome.FAILED:
            return
        await self._safely_schedule(inbound, inbound.message_id, RETRY_DELETE_AFTER_SECONDS)

    async def _safely_schedule(self, inbound: Inbound, message_id: int, seconds: int) -> None:
        try:
            await self.sweeper.schedule(inbound.chat_id, message_id, seconds)
        except Exception as error:  # the notice asking the sender matters more
            _log_failure("could not schedule a removal", inbound, error)

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

    def member_changed(self, chat_id: int) -> None:
        """Someone joined, left, or had their rights changed in a chat."""
        self.roster.member_changed(chat_id)

    async def settle(self) -> None:
        """Until every decision taken so far is carried out (shutdown and tests)."""
        while self._follow_ups:
            await asyncio.gather(*list(self._follow_ups), return_exceptions=True)
        await self.deletes.wait_idle()
        await self.board.wait_idle()

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
        if inbound.sender_chat_id is not None:
            return inbound.sender_chat_id == inbound.chat_id  # an anonymous admin
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
        self._recent.forget_user(user_id)
        await self.incidents.forget_user(user_id)
        await self.policies.forget_user(user_id)

    # -- worker ----------------------------------------------------------------------------

    async def start(self) -> None:
        await self.sweeper.start()

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(self.settle(), timeout=STOP_TIMEOUT_SECONDS)
        except TimeoutError:
            log.warning("privacy follow-ups still running at stop")
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
    policies = PrivacyPolicies(db, clock)
    await policies.load_all()
    return PrivacyService(
        scanner=scanner,
        guard=PrivacyGuard(notices),
        notices=notices,
        policies=policies,
        incidents=PrivacyIncidents(db, clock),
        sweeper=NoticeSweeper(db, actions, clock),
        chats=ChatDirectory(db, clock),
        actions=actions,
        default_notice_ttl=default_notice_ttl,
    )
