"""Poll the account's mentions and reply: at most once per mention, never to itself.

Exactly-once is not possible across two systems, so the order is chosen to make the failure
harmless: a mention is *claimed* (a row under its UNIQUE id, committed) before the reply is
posted, and the row is finished with the reply's id afterwards. If the process dies after the
claim and before X answers, the mention stays "claimed" and is never retried: that person may
get no reply, but nobody gets two. (Recording after posting would turn the same crash into a
second reply on restart.) Leftover claims are counted in the log at start-up.

The cursor (since_id) moves past a mention only once it has been handled, so a restart or a
failed poll fetches it again and the claim decides. A mention whose reply cannot even be built
(the responder raises) is logged, recorded with the outcome "error" and passed over, so one bad
post never holds back the mentions after it, and is not tried again at every poll.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from bot.clock import Clock
from bot.x.client import DuplicateTweet, Mention, XAccount, XApiError, XClient, XRateLimited
from bot.x.ledger import MentionLedger
from bot.x.replies import MentionResponder

__all__ = ["MentionPoller", "PollReport"]

log = logging.getLogger(__name__)


@dataclass
class PollReport:
    """What one poll did, by outcome ("answered", "warned", "declined", "own", ...)."""

    fetched: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


class MentionPoller:
    """One `poll_once` fetches new mentions (oldest first) and handles each."""

    def __init__(
        self,
        *,
        client: XClient,
        ledger: MentionLedger,
        responder: MentionResponder,
        clock: Clock,
        cooldown: timedelta,
    ) -> None:
        self._client = client
        self._ledger = ledger
        self._responder = responder
        self._clock = clock
        self._cooldown = cooldown
        self._account: XAccount | None = None

    async def account(self) -> XAccount:
        """The bot's own X account (asked once, then remembered)."""
        if self._account is None:
            self._account = await self._client.me()
            stale = await self._ledger.unfinished_claims()
            if stale:
                log.warning(
                    "X mentions claimed but never confirmed (a crash while replying); "
                    "they are not retried",
                    extra={"count": stale},
                )
        return self._account

    async def poll_once(self) -> PollReport:
        account = await self.account()
        cursor = await self._ledger.cursor(account.id)
        if cursor is None:
            return await self._begin(account)
        mentions = await self._client.mentions(account.id, since_id=cursor.since_id)
        report = PollReport(fetched=len(mentions))
        for mention in mentions:
            outcome = await self._handle(account, mention)
            report.count(outcome)
            await self._ledger.advance(account.id, mention.id)
        return report

    async def _begin(self, account: XAccount) -> PollReport:
        """The first poll ever: mentions from before Beacon ran are history, not questions to
        answer now, so polling starts after the newest of them."""
        mentions = await self._client.mentions(account.id, since_id=None)
        await self._ledger.advance(account.id, mentions[-1].id if mentions else None)
        report = PollReport(fetched=len(mentions))
        if mentions:
            report.outcomes["history"] = len(mentions)
        log.info("X mentions: polling starts now", extra={"skipped": len(mentions)})
        return report

    async def _handle(self, account: XAccount, mention: Mention) -> str:
        if mention.author_id == account.id:
            return "own"
        if await self._ledger.seen(mention.id):
            return "seen"
        try:
            reply = self._responder.respond(mention, account.username)
        except Exception as error:
            # The type only: an exception's message may quote the post, and posts hold secrets.
            log.error(
                "X mention skipped: building the reply failed",
                extra={"mention_id": mention.id, "error_type": type(error).__name__},
            )
            await self._ledger.record(mention.id, mention.author_id, "error")
            return "error"
        if reply is None:
            await self._ledger.record(mention.id, mention.author_id, "declined")
            return "declined"
        # Warnings about private data are never held back by the cooldown.
        if reply.kind != "warned" and await self._in_cooldown(mention.author_id):
            await self._ledger.record(mention.id, mention.author_id, "cooldown")
            return "cooldown"
        if not await self._ledger.claim(mention.id, mention.author_id):
            return "seen"
        try:
            tweet_id = await self._client.post(reply.text, in_reply_to=mention.id)
        except DuplicateTweet:
            await self._ledger.finish(mention.id, "duplicate", None)
            return "duplicate"
        except XRateLimited:
            # X refused before doing anything: free the mention for the next poll.
            await self._ledger.release(mention.id)
            raise
        except XApiError as error:
            # e.g. the post was deleted or its author blocks us; not worth a retry.
            await self._ledger.finish(mention.id, "failed", None)
            log.warning(
                "X reply failed",
                extra={"mention_id": mention.id, "status": error.status, "error": str(error)},
            )
            return "failed"
        await self._ledger.finish(mention.id, reply.kind, tweet_id)
        log.info(
            "X mention answered",
            extra={"mention_id": mention.id, "kind": reply.kind, "lang": reply.lang},
        )
        return reply.kind

    async def _in_cooldown(self, author_id: str) -> bool:
        if self._cooldown <= timedelta(0):
            return False
        return await self._ledger.replied_since(author_id, self._clock.now() - self._cooldown)
