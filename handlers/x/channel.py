"""Build the X channel from settings: the mention worker and the announcement sender.

Called once from `bot.app.build_services`. Without the four user-context credentials the
channel is off, and the log says so once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from bot.answers import Matcher, article_link
from bot.clock import Clock
from bot.deep_links import deep_link
from bot.settings import Settings
from bot.storage import Database
from bot.texts import Texts
from bot.x import (
    MentionLedger,
    MentionPoller,
    MentionResponder,
    RateLimitedXClient,
    SecretDetector,
    ThreadLedger,
    XAnnouncementSender,
    XThreadPublisher,
    XWorker,
)
from handlers.x.tweepy_client import TweepyXClient, XCredentials

__all__ = ["CONTACT_PAYLOAD", "XChannel", "build_x_channel", "credentials_from"]

log = logging.getLogger("beacon.x")

# `/start ticket` opens a private support ticket (the desk's prefix in bot/deep_links.py).
CONTACT_PAYLOAD = "ticket"


@dataclass(frozen=True)
class XChannel:
    worker: XWorker  # append to Services.workers
    sender: XAnnouncementSender  # register as the outbox's "x" channel
    poller: MentionPoller
    publisher: XThreadPublisher


def credentials_from(settings: Settings) -> XCredentials | None:
    if not settings.x_enabled:
        return None
    assert settings.x_api_key and settings.x_api_secret
    assert settings.x_access_token and settings.x_access_token_secret
    return XCredentials(
        consumer_key=settings.x_api_key.get_secret_value(),
        consumer_secret=settings.x_api_secret.get_secret_value(),
        access_token=settings.x_access_token.get_secret_value(),
        access_token_secret=settings.x_access_token_secret.get_secret_value(),
        bearer_token=(
            settings.x_bearer_token.get_secret_value() if settings.x_bearer_token else None
        ),
    )


def build_x_channel(
    settings: Settings,
    db: Database,
    texts: Texts,
    clock: Clock,
    *,
    matcher: Matcher,
    scanner: SecretDetector,
    bot_username: str,
) -> XChannel | None:
    """The X worker and sender, or None (logged once) when X credentials are not set."""
    credentials = credentials_from(settings)
    if credentials is None:
        log.info(
            "X channel off: set X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN and "
            "X_ACCESS_TOKEN_SECRET to answer mentions and post announcements on X"
        )
        return None
    help_center = str(settings.help_center_base_url) if settings.help_center_base_url else None
    # Separate HTTP sessions: the worker and the outbox start and stop independently.
    poll_client = TweepyXClient(credentials, api_base_url=settings.x_api_base_url)
    post_client = TweepyXClient(credentials, api_base_url=settings.x_api_base_url)
    responder = MentionResponder(
        matcher=matcher,
        articles=matcher.knowledge_base,
        scanner=scanner,
        texts=texts,
        link_for=lambda article: article_link(article, help_center, bot_username),
        contact_link=deep_link(bot_username, CONTACT_PAYLOAD),
    )
    poller = MentionPoller(
        client=RateLimitedXClient(poll_client),
        ledger=MentionLedger(db, clock),
        responder=responder,
        clock=clock,
        cooldown=timedelta(seconds=settings.x_reply_cooldown_seconds),
    )
    # No waiting in the sender: a 429 goes back to the outbox as RetryLater.
    publisher = XThreadPublisher(post_client, ThreadLedger(db, clock))
    return XChannel(
        worker=XWorker(poll_client, poller, interval_seconds=settings.x_poll_seconds),
        sender=XAnnouncementSender(post_client, publisher),
        poller=poller,
        publisher=publisher,
    )
