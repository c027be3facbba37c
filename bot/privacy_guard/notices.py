"""The words of the guard: notices, warnings and explanations, built from content/texts.

A notice names the kind of data (never the data itself) and mentions the sender by user id.
Group notices are HTML, so every name is escaped here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from bot.messages import Button, Inbound, Reply, Sender
from bot.texts import Texts
from privacy.entities import ALL_ENTITIES

__all__ = ["TICKET_CALLBACK", "NoticeEntry", "NoticeWriter"]

# The desk's "open a ticket" button; the desk owns the callback handler.
TICKET_CALLBACK = "desk:new"


@dataclass(frozen=True)
class NoticeEntry:
    """One removed message, as a coalesced notice names it (never the data itself)."""

    sender: Sender | None
    kinds: tuple[str, ...]
    critical: bool
    link: str
    language: str


# The critical types that come with a specific "what to do now" line.
_ADVICE = ("PASSWORD", "SEED_PHRASE", "PRIVATE_KEY", "API_SECRET", "VERIFICATION_CODE")


class NoticeWriter:
    def __init__(self, texts: Texts) -> None:
        self._texts = texts

    # -- pieces ----------------------------------------------------------------------------

    def kind_names(self, kinds: Iterable[str], lang: str) -> str:
        """Human names joined as a list: "a password and your account UID"."""
        names = [self._texts.get(f"privacy.kind_{kind.lower()}", lang) for kind in kinds]
        if len(names) <= 1:
            return "".join(names)
        head = self._texts.get("privacy.list_separator", lang).join(names[:-1])
        return self._texts.get("privacy.list_last", lang, head=head, last=names[-1])

    def advice(self, kinds: Iterable[str], lang: str) -> str:
        """One line per critical type found, or the general line for personal data."""
        found = set(kinds)
        lines = [
            self._texts.get(f"privacy.advice_{k.lower()}", lang) for k in _ADVICE if k in found
        ]
        return "\n".join(lines) or self._texts.get("privacy.advice_sensitive", lang)

    def mention(self, sender: Sender | None, lang: str) -> str:
        if sender is None:
            return escape(self._texts.get("privacy.mention_anonymous", lang))
        return f'<a href="tg://user?id={sender.user_id}">{escape(sender.display_name)}</a>'

    def mentions(self, people: Sequence[Sender], lang: str) -> str:
        if not people:
            return escape(self._texts.get("privacy.admins_fallback", lang))
        return ", ".join(self.mention(person, lang) for person in people)

    # -- group -----------------------------------------------------------------------------

    def removed_notice(
        self, inbound: Inbound, kinds: Sequence[str], critical: bool, link: str
    ) -> Reply:
        """Posted after the message was deleted."""
        key = "privacy.notice_deleted_critical" if critical else "privacy.notice_deleted_sensitive"
        return self._group_notice(key, inbound, kinds, link, reply_to=None)

    def removed_many_notice(self, entries: Sequence[NoticeEntry], lang: str) -> Reply:
        """One notice for several removed messages (a busy chat): a line per member, each in
        that member's language, and a button per member for their own deep link."""
        if len(entries) == 1:
            only = entries[0]
            key = (
                "privacy.notice_deleted_critical"
                if only.critical
                else "privacy.notice_deleted_sensitive"
            )
            lines = [
                self._texts.get(
                    key,
                    only.language,
                    mention=self.mention(only.sender, only.language),
                    kinds=escape(self.kind_names(only.kinds, only.language)),
                    advice=escape(self.advice(only.kinds, only.language)),
                ),
                escape(self._texts.get("privacy.notice_continue_privately", only.language)),
            ]
            button = Button(self._texts.get("privacy.button_private", only.language), url=only.link)
            return Reply(text="\n".join(lines), buttons=((button,),), html=True, silent=True)
        lines = [escape(self._texts.get("privacy.notice_many_intro", lang))]
        buttons: list[tuple[Button, ...]] = []
        for entry in entries:
            lines.append(
                self._texts.get(
                    "privacy.notice_many_line",
                    entry.language,
                    mention=self.mention(entry.sender, entry.language),
                    kinds=escape(self.kind_names(entry.kinds, entry.language)),
                )
            )
            name = (
                entry.sender.display_name
                if entry.sender
                else self._texts.get("privacy.mention_anonymous", entry.language)
            )
            label = self._texts.get("privacy.button_private_named", entry.language, name=name)
            buttons.append((Button(label, url=entry.link),))
        lines.append(escape(self._texts.get("privacy.notice_many_advice", lang)))
        lines.append(escape(self._texts.get("privacy.notice_many_continue", lang)))
        return Reply(text="\n".join(lines), buttons=tuple(buttons), html=True, silent=True)

    def ask_notice(
        self,
        inbound: Inbound,
        kinds: Sequence[str],
        critical: bool,
        link: str,
        admins: Sequence[Sender] | None = None,
    ) -> Reply:
        """A reply asking the sender to delete the message; names the admins when given."""
        key = "privacy.notice_ask_critical" if critical else "privacy.notice_ask_sensitive"
        return self._group_notice(
            key, inbound, kinds, link, reply_to=inbound.message_id, admins=admins
        )

    def rights_warning(self, admins: Sequence[Sender], lang: str) -> Reply:
        text = self._texts.get("privacy.rights_warning", lang, admins=self.mentions(admins, lang))
        return Reply(text=text, html=True)

    def _group_notice(
        self,
        key: str,
        inbound: Inbound,
        kinds: Sequence[str],
        link: str,
        reply_to: int | None,
        admins: Sequence[Sender] | None = None,
    ) -> Reply:
        """To the sender, then (when given) to the admins, then the line about the button,
        right above the button."""
        lang = inbound.language
        lines = [
            self._texts.get(
                key,
                lang,
                mention=self.mention(inbound.sender, lang),
                kinds=escape(self.kind_names(kinds, lang)),
                advice=escape(self.advice(kinds, lang)),
            )
        ]
        if admins is not None:
            lines.append(
                self._texts.get(
                    "privacy.notice_ask_admins", lang, admins=self.mentions(admins, lang)
                )
            )
        lines.append(escape(self._texts.get("privacy.notice_continue_privately", lang)))
        button = Button(self._texts.get("privacy.button_private", lang), url=link)
        return Reply(
            text="\n".join(lines),
            buttons=((button,),),
            reply_to_message_id=reply_to,
            html=True,
            silent=True,
        )

    # -- private chat ----------------------------------------------------------------------

    def private_warning(self, kinds: Sequence[str], lang: str, *, deleted: bool = True) -> Reply:
        """After a secret was removed from (or, failing that, found in) a private chat."""
        text = self._texts.get(
            "privacy.private_warning" if deleted else "privacy.private_warning_not_deleted",
            lang,
            kinds=self.kind_names(kinds, lang),
            advice=self.advice(kinds, lang),
        )
        return Reply(text=text)

    def explanation(self, name: str, kinds: Sequence[str], deleted: bool, lang: str) -> Reply:
        """The answer to `/start priv_<token>`: what happened, what to do, a ticket offer."""
        happened = self._texts.get(
            "privacy.happened_deleted" if deleted else "privacy.happened_asked",
            lang,
            kinds=self.kind_names(kinds, lang),
        )
        text = self._texts.get(
            "privacy.start_explain",
            lang,
            name=name,
            happened=happened,
            advice=self.advice(kinds, lang),
        )
        return Reply(text=text, buttons=self._ticket_button(lang))

    def unknown_link(self, name: str, lang: str) -> Reply:
        text = self._texts.get("privacy.start_unknown", lang, name=name)
        return Reply(text=text, buttons=self._ticket_button(lang))

    def _ticket_button(self, lang: str) -> tuple[tuple[Button, ...], ...]:
        button = Button(
            self._texts.get("privacy.button_ticket", lang), callback_data=TICKET_CALLBACK
        )
        return ((button,),)

    # -- settings --------------------------------------------------------------------------

    def type_list(self, types: Iterable[str]) -> str:
        chosen = set(types)
        return ", ".join(t.lower() for t in ALL_ENTITIES if t in chosen)

    def text(self, key: str, lang: str, **fields: object) -> str:
        return self._texts.get(f"privacy.{key}", lang, **fields)
