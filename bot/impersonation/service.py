"""`ImpersonationGuard`: looks at members when they join, rename or post, and at their
messages; acts by the chat's policy and hands every case to the staff chat for a decision.

When it looks: a `chat_member` join, a member's message whose names differ from the last
ones checked (a rename), and every message for scam content. Officials (by user id),
Telegram's own accounts and the group's anonymous admins are never actioned.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace

from bot.impersonation.matcher import NameMatch, Reason
from bot.impersonation.models import (
    ADMIN,
    NEVER_ACTIONED,
    PRESENT,
    CaseStatus,
    Decision,
    GuardMessage,
    Member,
    MemberChange,
    SenderChat,
)
from bot.impersonation.ports import GuardActions
from bot.impersonation.registry import OfficialRegistry
from bot.impersonation.rules import GuardRules
from bot.impersonation.scam import ScamDetector, ScamVerdict
from bot.impersonation.store import (
    ChatPolicy,
    ExactMode,
    GuardCase,
    GuardMode,
    GuardStore,
)
from bot.messages import Button, Reply
from bot.texts import Texts

__all__ = ["ImpersonationGuard", "ReviewResult"]

log = logging.getLogger("beacon.impersonation")

STAFF_LANGUAGE = "en"
NOTICE_EVERY_SECONDS = 600  # one scam notice per chat in this time: a wave is one warning
_SEEN_LIMIT = 50_000


@dataclass(frozen=True)
class ReviewResult:
    answer: str  # the callback answer the agent sees
    alert: Reply | None = None  # the alert's new text, without buttons


class ImpersonationGuard:
    def __init__(
        self,
        registry: OfficialRegistry,
        store: GuardStore,
        rules: GuardRules,
        actions: GuardActions,
        texts: Texts,
        staff_chat_id: int | None,
        official_domains: tuple[str, ...],
    ) -> None:
        self.registry = registry
        self.store = store
        self._rules = rules
        self._actions = actions
        self._texts = texts
        self._staff_chat_id = staff_chat_id
        self._domains = official_domains
        self._detector: tuple[object, ScamDetector] | None = None
        # (chat, user) -> the names last checked: a message with other names is a rename.
        self._seen: dict[tuple[int, int], tuple[str, str]] = {}
        self._noticed: dict[int, float] = {}

    def _t(self, key: str, lang: str = STAFF_LANGUAGE, **fields: object) -> str:
        return self._texts.get(f"impersonation.{key}", lang, **fields)

    async def _scams(self) -> ScamDetector:
        matcher = await self.registry.matcher()
        if self._detector is None or self._detector[0] is not matcher:
            self._detector = (matcher, self._rules.scams(matcher, self._domains))
        return self._detector[1]

    # -- members ---------------------------------------------------------------------------

    async def on_member_change(self, change: MemberChange) -> None:
        """A chat_member update: promotions keep the admin list current; joins are checked."""
        member = change.member
        was_admin, is_admin = change.old_status in ADMIN, change.new_status in ADMIN
        if was_admin != is_admin:
            await self.registry.set_admin(change.chat_id, member, is_admin)
            return
        if await self.registry.is_official(member.user_id):
            await self.registry.learn(member)
            return
        joined = change.old_status not in PRESENT and change.new_status in PRESENT
        policed = change.chat_type in ("group", "supergroup")
        if joined and policed and change.chat_id != self._staff_chat_id:
            await self.registry.ensure_chat(change.chat_id)
            await self._check_member(change.chat_id, change.chat_title, member)

    async def on_bot_membership(self, chat_id: int) -> None:
        """The bot was added or its rights changed: list the chat's administrators again."""
        await self.registry.refresh_chat(chat_id)

    async def _check_member(self, chat_id: int, chat_title: str, member: Member) -> bool:
        """Check a person's names; True if they are now restricted or banned."""
        if member.user_id in NEVER_ACTIONED or member.is_bot:
            return False
        if await self.registry.is_official(member.user_id):
            return False
        self._remember(chat_id, member)
        policy = await self.store.policy(chat_id)
        if policy.mode is GuardMode.OFF:
            return False
        found = await self.registry.check(member.name, member.username, member.user_id)
        if not found.suspect:
            return False
        key = self._rules.folding.key(member.name + " " + (member.username or ""))
        if await self.store.is_cleared(member.user_id, key):
            return False
        if await self.store.has_open_case(chat_id, member.user_id, "name"):
            return False
        action = await self._act_on_name(chat_id, member.user_id, found, policy)
        case_id = await self.store.open_case(
            chat_id=chat_id,
            user_id=member.user_id,
            sender_chat_id=None,
            kind="name",
            name_key=key,
            resembles=found.resembles.shown if found.resembles else None,
            reason=found.reason.value if found.reason else "",
            action=action,
        )
        text = self._t(
            "alert_name",
            chat=chat_title or str(chat_id),
            who=member.shown or str(member.user_id),
            user_id=member.user_id,
            resembles=self._resembles(found),
            how=self._how(found),
            action=self._t(f"action_{action}"),
        )
        await self._alert(case_id, text)
        return action in ("restricted", "banned")

    async def _act_on_name(
        self, chat_id: int, user_id: int, found: NameMatch, policy: ChatPolicy
    ) -> str:
        if found.exact and policy.exact is ExactMode.BAN:
            if await self._actions.ban(chat_id, user_id):
                return "banned"
            return "not_allowed"
        if policy.mode is GuardMode.RESTRICT:
            if await self._actions.restrict(chat_id, user_id):
                return "restricted"
            return "not_allowed"
        return "warned"

    def _remember(self, chat_id: int, member: Member) -> None:
        if len(self._seen) >= _SEEN_LIMIT:
            self._seen.clear()
        self._seen[(chat_id, member.user_id)] = (member.name, member.username or "")

    def _resembles(self, found: NameMatch) -> str:
        official = found.resembles
        if official is None:
            return self._texts.get("impersonation.staff_in_general", STAFF_LANGUAGE)
        return f"@{official.username}" if official.username else official.name

    def _how(self, found: NameMatch) -> str:
        words = ", ".join(h.split(":", 1)[1] for h in found.how if ":" in h)
        if any(h.startswith("role-word:") for h in found.how):
            return self._t("how_role-word", words=words)
        if found.reason is Reason.STAFF_WORD:
            return self._t("how_staff-word", words=words)
        if found.reason is Reason.EDIT_DISTANCE:
            return self._t("how_edit-distance")
        code = found.how[0] if found.how else "confusable"
        return self._t(f"how_{code}")

    # -- messages --------------------------------------------------------------------------

    async def on_message(self, message: GuardMessage) -> bool:
        """Check a group message's sender and text; True if the message was removed (no
        other feature should answer it)."""
        if not message.is_group:
            return False
        sender, chat = message.sender, message.sender_chat
        if message.chat_id == self._staff_chat_id:
            # The staff's own chat: names are learned there, nobody is policed.
            if sender is not None and await self.registry.is_official(sender.user_id):
                await self.registry.learn(sender)
            return False
        if chat is not None:
            if chat.chat_id == message.chat_id or message.is_automatic_forward:
                return False  # the group's anonymous admin, or its linked channel
            return await self._on_channel_message(message, chat)
        if sender is None or sender.user_id in NEVER_ACTIONED or sender.is_bot:
            return False
        await self.registry.ensure_chat(message.chat_id)
        if await self.registry.is_official(sender.user_id):
            await self.registry.learn(sender)
            return False
        policy = await self.store.policy(message.chat_id)
        if policy.mode is GuardMode.OFF:
            return False
        names = (sender.name, sender.username or "")
        if self._seen.get((message.chat_id, sender.user_id)) != names:
            await self._check_member(message.chat_id, message.chat_title, sender)
        if not policy.messages or not message.text.strip():
            return False
        verdict = (await self._scams()).check(message.text)
        if not verdict.scam:
            return False
        return await self._remove_scam(message, sender, verdict, policy)

    async def _remove_scam(
        self, message: GuardMessage, sender: Member, verdict: ScamVerdict, policy: ChatPolicy
    ) -> bool:
        deleted = await self._actions.delete(message.chat_id, message.message_id)
        restricted = False
        if (
            deleted
            and policy.mode is GuardMode.RESTRICT
            and not await self.store.has_open_case(message.chat_id, sender.user_id, "name")
        ):
            restricted = await self._actions.restrict(message.chat_id, sender.user_id)
        action = "deleted_restricted" if restricted else "deleted" if deleted else "not_allowed"
        kind = verdict.kind.value if verdict.kind else "scam"
        case_id = await self.store.open_case(
            chat_id=message.chat_id,
            user_id=sender.user_id,
            sender_chat_id=None,
            kind="message",
            name_key="",
            resembles=verdict.imitates,
            reason=kind,
            action=action,
        )
        target = self._t("alert_target", target=verdict.target) if verdict.target else ""
        await self._alert(
            case_id,
            self._t(
                "alert_message",
                chat=message.chat_title or str(message.chat_id),
                who=sender.shown or str(sender.user_id),
                user_id=sender.user_id,
                why=self._t(f"why_{kind}"),
                target=target,
                action=self._t(f"action_{action}"),
            ),
        )
        if deleted:
            await self._notice(message, kind)
        return deleted

    async def _notice(self, message: GuardMessage, kind: str) -> None:
        now = time.monotonic()
        last = self._noticed.get(message.chat_id)
        if last is not None and now - last < NOTICE_EVERY_SECONDS:
            return
        self._noticed[message.chat_id] = now
        lang = message.language if message.language in ("en", "zh") else "en"
        text = self._t(
            "scam_notice",
            lang,
            why=self._t(f"why_{kind}", "en"),
            why_zh=self._t(f"why_{kind}", "zh"),
        )
        await self._actions.send(
            message.chat_id, Reply(text, silent=True), thread_id=message.thread_id
        )

    async def _on_channel_message(self, message: GuardMessage, chat: SenderChat) -> bool:
        """A channel posting in the group as itself: banned when it imitates an official."""
        matcher = await self.registry.matcher()
        found = matcher.check(chat.title, chat.username)
        if found.suspect:
            banned = await self._actions.ban_sender_chat(message.chat_id, chat.chat_id)
            deleted = await self._actions.delete(message.chat_id, message.message_id)
            action = "banned_channel" if banned else "not_allowed"
            case_id = await self.store.open_case(
                chat_id=message.chat_id,
                user_id=None,
                sender_chat_id=chat.chat_id,
                kind="name",
                name_key=self._rules.folding.key(chat.title + " " + (chat.username or "")),
                resembles=found.resembles.shown if found.resembles else None,
                reason=found.reason.value if found.reason else "",
                action=action,
            )
            who = chat.title + (f" (@{chat.username})" if chat.username else "")
            await self._alert(
                case_id,
                self._t(
                    "alert_channel",
                    chat=message.chat_title or str(message.chat_id),
                    who=who,
                    user_id=chat.chat_id,
                    resembles=self._resembles(found),
                    how=self._how(found),
                    action=self._t(f"action_{action}"),
                ),
                decided=banned,
            )
            return deleted
        policy = await self.store.policy(message.chat_id)
        if policy.mode is GuardMode.OFF or not policy.messages:
            return False
        verdict = (await self._scams()).check(message.text)
        if not verdict.scam:
            return False
        deleted = await self._actions.delete(message.chat_id, message.message_id)
        if deleted:
            await self._notice(message, verdict.kind.value if verdict.kind else "scam")
        return deleted

    async def _alert(self, case_id: int, text: str, *, decided: bool = False) -> None:
        if self._staff_chat_id is None:
            log.warning(
                "no STAFF_CHAT_ID: an impersonation case is not reported", extra={"case": case_id}
            )
            return
        buttons: tuple[tuple[Button, ...], ...] = (
            (
                Button(self._t("button_ban"), callback_data=f"guard:ban:{case_id}"),
                Button(self._t("button_fine"), callback_data=f"guard:fine:{case_id}"),
            ),
        )
        if decided:
            buttons = ((Button(self._t("button_fine"), callback_data=f"guard:fine:{case_id}"),),)
        message_id = await self._actions.send(self._staff_chat_id, Reply(text, buttons=buttons))
        if message_id is not None:
            await self.store.set_alert(case_id, self._staff_chat_id, message_id)

    # -- the staff decide -----------------------------------------------------------------

    async def review(
        self, agent: Member, case_id: int, decision: Decision, alert_text: str
    ) -> ReviewResult:
        """An agent pressed ban or it's fine under an alert."""
        if not await self.registry.is_official(agent.user_id):
            return ReviewResult(self._t("answer_staff_only"))
        case = await self.store.case(case_id)
        if case is None:
            return ReviewResult(self._t("answer_already"))
        agent_name = agent.shown or str(agent.user_id)
        if decision is Decision.BAN:
            if case.status is not CaseStatus.OPEN:
                return ReviewResult(self._t("answer_already"))
            if not await self._ban(case):
                return ReviewResult(self._t("answer_failed"))
            if not await self.store.decide(case_id, CaseStatus.BANNED, agent.user_id):
                return ReviewResult(self._t("answer_already"))
            await self.store.audit(
                agent.user_id, "ban", chat_id=case.chat_id, user_id=case.user_id, case_id=case_id
            )
            decided = self._t("decided_banned", agent=agent_name)
            return ReviewResult(self._t("answer_banned"), Reply(f"{alert_text}\n\n{decided}"))
        if case.status is CaseStatus.CLEARED:
            return ReviewResult(self._t("answer_already"))
        await self._free(case)
        if not await self.store.decide(case_id, CaseStatus.CLEARED, agent.user_id):
            return ReviewResult(self._t("answer_already"))
        if case.user_id is not None and case.name_key:
            await self.store.clear_name(case.user_id, case.name_key, agent.user_id)
        await self.store.audit(
            agent.user_id, "cleared", chat_id=case.chat_id, user_id=case.user_id, case_id=case_id
        )
        decided = self._t("decided_cleared", agent=agent_name)
        return ReviewResult(self._t("answer_cleared"), Reply(f"{alert_text}\n\n{decided}"))

    async def _ban(self, case: GuardCase) -> bool:
        if case.sender_chat_id is not None:
            return await self._actions.ban_sender_chat(case.chat_id, case.sender_chat_id)
        if case.user_id is None:
            return False
        return await self._actions.ban(case.chat_id, case.user_id)

    async def _free(self, case: GuardCase) -> None:
        if case.sender_chat_id is not None:
            await self._actions.unban_sender_chat(case.chat_id, case.sender_chat_id)
            return
        if case.user_id is None:
            return
        if case.status is CaseStatus.BANNED or case.action == "banned":
            await self._actions.unban(case.chat_id, case.user_id)
        elif case.action in ("restricted", "deleted_restricted"):
            await self._actions.unrestrict(case.chat_id, case.user_id)
        self._seen.pop((case.chat_id, case.user_id), None)

    # -- /guard ----------------------------------------------------------------------------

    async def policy_command(
        self,
        chat_id: int,
        chat_type: str,
        user: Member,
        is_chat_admin: bool,
        args: list[str],
        lang: str,
    ) -> Reply:
        """/guard shows the chat's policy; its admins and staff change it."""
        if chat_type not in ("group", "supergroup"):
            return Reply(self._t("guard_groups_only", lang))
        policy = await self.store.policy(chat_id)
        if args:
            if not (is_chat_admin or await self.registry.is_official(user.user_id)):
                return Reply(self._t("guard_admins_only", lang))
            changed = _apply(policy, [a.lower() for a in args])
            if changed is None:
                return Reply(self._t("guard_usage", lang))
            await self.store.set_policy(chat_id, changed, user.user_id)
            policy = changed
        status = self._t(
            "guard_status",
            lang,
            mode=self._t(f"guard_mode_{policy.mode.value}", lang),
            exact=self._t(f"guard_exact_{policy.exact.value}", lang),
            messages=self._t(f"guard_messages_{'on' if policy.messages else 'off'}", lang),
        )
        if args:
            status = self._t("guard_updated", lang) + "\n" + status
        return Reply(status)

    async def forget_user(self, user_id: int) -> None:
        await self.store.forget_user(user_id)
        self._seen = {k: v for k, v in self._seen.items() if k[1] != user_id}


def _apply(policy: ChatPolicy, args: list[str]) -> ChatPolicy | None:
    if len(args) == 1 and args[0] in {m.value for m in GuardMode}:
        return replace(policy, mode=GuardMode(args[0]))
    if len(args) == 2 and args[0] == "exact" and args[1] in {m.value for m in ExactMode}:
        return replace(policy, exact=ExactMode(args[1]))
    if len(args) == 2 and args[0] == "messages" and args[1] in ("on", "off"):
        return replace(policy, messages=args[1] == "on")
    return None
