"""The delivery report a moderator receives: counts, and why each failed target failed."""

from __future__ import annotations

import html

from bot.announcements.models import DeliveryReport
from bot.texts import Texts

__all__ = ["render_report"]

MAX_LISTED_FAILURES = 30
_KNOWN_REASONS = frozenset(
    {
        "forbidden",
        "chat_not_found",
        "no_rights",
        "chat_migrated",
        "message_gone",
        "network",
        "error",
        "bad_request",
        "no_channel",
    }
)


def render_report(texts: Texts, report: DeliveryReport, lang: str) -> str:
    """HTML for Telegram: one summary line, then failures, grouped by reason."""
    lines = [
        texts.get(
            "announcements.report_summary",
            lang,
            id=report.announcement_id,
            sent=report.sent,
            total=report.total,
            failed=report.failed,
            pending=report.pending,
        )
    ]
    if report.deleted:
        lines.append(texts.get("announcements.report_deleted", lang, count=report.deleted))
    if report.in_doubt:
        lines.append(texts.get("announcements.report_in_doubt", lang, count=report.in_doubt))
    for channel, target, error in report.failures[:MAX_LISTED_FAILURES]:
        action, _, reason_code = error.rpartition(": ") if ": " in error else ("", "", error)
        code = reason_code if reason_code in _KNOWN_REASONS else "bad_request"
        reason = texts.get(f"announcements.reason_{code}", lang)
        if action:
            reason = f"{html.escape(action)}: {reason}"
        where = html.escape(target if channel == "telegram" else f"{channel}:{target}")
        lines.append(texts.get("announcements.report_failure", lang, target=where, reason=reason))
    hidden = len(report.failures) - MAX_LISTED_FAILURES
    if hidden > 0:
        lines.append(texts.get("announcements.report_more", lang, count=hidden))
    return "\n".join(lines)
