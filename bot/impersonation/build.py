"""Wire the guard from settings (used by `bot/app.py`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.clock import Clock
from bot.impersonation.models import Member
from bot.impersonation.ports import GuardActions
from bot.impersonation.registry import OfficialRegistry, StaticOfficials
from bot.impersonation.rules import GuardRules, official_domains_of, settings_officials
from bot.impersonation.service import ImpersonationGuard
from bot.impersonation.store import GuardStore
from bot.settings import Settings
from bot.storage import Database
from bot.texts import Texts

__all__ = ["build_impersonation_guard"]


def build_impersonation_guard(
    settings: Settings,
    db: Database,
    clock: Clock,
    texts: Texts,
    actions: GuardActions,
    bot: Member,
    moderators: Callable[[], Awaitable[list[int]]],
) -> ImpersonationGuard:
    rules = GuardRules.load()
    static = StaticOfficials(
        user_ids=frozenset(
            (*settings.owner_user_ids, *settings.moderator_user_ids, *settings.staff_user_ids)
        ),
        bot=bot,
        identities=tuple(settings_officials(settings)),
        staff_chat_id=settings.staff_chat_id,
    )
    registry = OfficialRegistry(db, clock, rules, static, actions, moderators)
    return ImpersonationGuard(
        registry,
        GuardStore(db, clock),
        rules,
        actions,
        texts,
        settings.staff_chat_id,
        official_domains_of(settings),
    )
