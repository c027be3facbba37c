"""X (Twitter) adapters: tweepy's async client behind `bot.x.XClient`, and the channel wiring."""

from __future__ import annotations

from handlers.x.channel import CONTACT_PAYLOAD, XChannel, build_x_channel, credentials_from
from handlers.x.tweepy_client import X_API_ORIGIN, RoutedSession, TweepyXClient, XCredentials

__all__ = [
    "CONTACT_PAYLOAD",
    "X_API_ORIGIN",
    "RoutedSession",
    "TweepyXClient",
    "XChannel",
    "XCredentials",
    "build_x_channel",
    "credentials_from",
]
