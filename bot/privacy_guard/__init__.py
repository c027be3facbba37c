"""The privacy guard: removes private data posted in chats and moves the talk to a DM."""

from __future__ import annotations

from bot.privacy_guard.guard import LINK_PREFIX, GuardAction, GuardDecision, PrivacyGuard
from bot.privacy_guard.incidents import Incident, PrivacyIncidents, forget_persisted_salt
from bot.privacy_guard.notices import TICKET_CALLBACK, NoticeWriter
from bot.privacy_guard.policy import ChatPolicy, PrivacyPolicies, apply_policy_command
from bot.privacy_guard.ports import ChatActions, ChatFacts, DeleteOutcome, TextScanner
from bot.privacy_guard.service import PrivacyService, build_privacy_service
from bot.privacy_guard.sweeper import NoticeSweeper

__all__ = [
    "LINK_PREFIX",
    "TICKET_CALLBACK",
    "ChatActions",
    "ChatFacts",
    "ChatPolicy",
    "DeleteOutcome",
    "GuardAction",
    "GuardDecision",
    "Incident",
    "NoticeSweeper",
    "NoticeWriter",
    "PrivacyGuard",
    "PrivacyIncidents",
    "PrivacyPolicies",
    "PrivacyService",
    "TextScanner",
    "apply_policy_command",
    "build_privacy_service",
    "forget_persisted_salt",
]
