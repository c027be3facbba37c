"""X support: thread splitting, mention polling and replies, X as an announcement channel.

No tweepy here: `handlers/x/` implements `XClient` with tweepy's async client.
"""

from __future__ import annotations

from bot.x.announcements import X_CHANNEL, XAnnouncementSender, announcement_text
from bot.x.client import (
    DuplicateTweet,
    Mention,
    OwnTweet,
    XAccount,
    XApiError,
    XClient,
    XRateLimited,
)
from bot.x.ledger import MentionCursor, MentionLedger, ThreadLedger, ThreadPart
from bot.x.mentions import MentionPoller, PollReport
from bot.x.plain_text import html_to_text
from bot.x.publisher import PostedElsewhere, ThreadResult, XThreadPublisher
from bot.x.rate_limit import RateLimitedXClient, RateLimitPolicy
from bot.x.replies import (
    ArticleLookup,
    MentionReply,
    MentionResponder,
    QuestionMatcher,
    SecretDetector,
    is_addressed,
    question_text,
)
from bot.x.thread import (
    TWEET_MAX_WEIGHT,
    ThreadError,
    fits_in_tweet,
    split_thread,
    weighted_length,
)
from bot.x.worker import XConnection, XWorker

__all__ = [
    "TWEET_MAX_WEIGHT",
    "X_CHANNEL",
    "ArticleLookup",
    "DuplicateTweet",
    "Mention",
    "MentionCursor",
    "MentionLedger",
    "MentionPoller",
    "MentionReply",
    "MentionResponder",
    "OwnTweet",
    "PollReport",
    "PostedElsewhere",
    "QuestionMatcher",
    "RateLimitPolicy",
    "RateLimitedXClient",
    "SecretDetector",
    "ThreadError",
    "ThreadLedger",
    "ThreadPart",
    "ThreadResult",
    "XAccount",
    "XAnnouncementSender",
    "XApiError",
    "XClient",
    "XConnection",
    "XRateLimited",
    "XThreadPublisher",
    "XWorker",
    "announcement_text",
    "fits_in_tweet",
    "html_to_text",
    "is_addressed",
    "question_text",
    "split_thread",
    "weighted_length",
]
