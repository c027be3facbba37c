"""Wiring, in one place: build the services once, build the Telegram application, run it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any

from telegram import Bot, Update
from telegram.error import Conflict, TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes

from bot.announcements.models import DEFAULT_CHANNEL
from bot.announcements.pacing import PaceLimits
from bot.answers import Matcher
from bot.answers.service import AnswerLimits, AnswerService
from bot.chats import ChatDirectory
from bot.clock import Clock, StartedClock, SystemClock
from bot.desk import ScannerSecretDetector, build_desk
from bot.impersonation.build import build_impersonation_guard
from bot.lifecycle import serve
from bot.operations import BeaconMetrics, OperationsServer, UpdateLedger
from bot.privacy_guard import build_privacy_service
from bot.privacy_guard.images import build_image_guard
from bot.services import Services
from bot.settings import Settings
from bot.storage import Database
from bot.texts import Texts
from bot.update_processor import PerChatUpdateProcessor
from bot.x.announcements import X_CHANNEL, x_announcement_target
from content import ARTICLES_DIR, JIEBA_DICT_PATH, SYNONYMS_PATH
from handlers.telegram import announcements as announcement_handlers
from handlers.telegram import answers, core, desk, impersonation, privacy_images, updates
from handlers.telegram import privacy as privacy_guard
from handlers.telegram.context import BeaconContext
from handlers.telegram.desk_gateway import TelegramDeskGateway
from handlers.telegram.errors import on_error
from handlers.telegram.impersonation_actions import TelegramGuardActions, member_of
from handlers.telegram.metered_request import MeteredRequest
from handlers.telegram.privacy_actions import TelegramChatActions
from handlers.telegram.privacy_images import TelegramImageFetcher
from handlers.telegram.rate_limiter import SharedRateLimiter
from handlers.telegram.telegram_sender import build_announcements
from handlers.telegram.update_parsing import SafeParsingBot
from handlers.x import build_x_channel
from privacy import build_scanner, redact
from privacy.image import ImageLimits

__all__ = ["PollingConflict", "build_application", "build_services", "run"]

log = logging.getLogger("beacon")

# Every update type, including chat_member and my_chat_member (not sent unless asked for).
ALLOWED_UPDATES = Update.ALL_TYPES


async def build_services(
    settings: Settings, telegram_bot: Bot, metrics: BeaconMetrics | None = None
) -> Services:
    """Open storage and build every service once; handlers reach them through the context.

    `telegram_bot` is only handed to adapters in `handlers/telegram/` (e.g. a `Sender` for the
    announcement worker); services never see Telegram types.
    """
    db = await Database.open(settings.database)
    try:
        return await _build_services_on(db, settings, telegram_bot, metrics or BeaconMetrics())
    except BaseException:
        await db.close()  # its connection threads would keep a failed start-up alive
        raise


async def _build_services_on(
    db: Database, settings: Settings, telegram_bot: Bot, metrics: BeaconMetrics
) -> Services:
    clock = _clock(settings)
    texts = Texts.load(settings.brand_name)
    # The two slow builds (Presidio engine, BM25 index) run off the event loop.
    scanner = await asyncio.to_thread(
        build_scanner, official_email_domains=settings.official_email_domains
    )
    matcher = await asyncio.to_thread(
        Matcher.build, ARTICLES_DIR, settings.brand_name, SYNONYMS_PATH, JIEBA_DICT_PATH
    )
    answers = AnswerService(
        matcher,
        db,
        texts,
        clock,
        AnswerLimits(
            chat_cooldown_seconds=settings.answer_chat_cooldown_seconds,
            user_limit_per_hour=settings.answer_user_limit_per_hour,
            repeat_window_seconds=settings.answer_repeat_window_seconds,
            chat_replies_per_minute=settings.answer_chat_replies_per_minute,
        ),
        help_center_base_url=_url_or_none(settings.help_center_base_url),
        redact=lambda text: redact(text, scanner.scan(text).findings),
    )
    privacy = await build_privacy_service(
        db,
        texts,
        clock,
        scanner,
        TelegramChatActions(telegram_bot),
        settings.privacy_notice_ttl_seconds,
    )
    privacy_images = build_image_guard(
        privacy=privacy,
        scanner=scanner,
        fetcher=TelegramImageFetcher(telegram_bot),
        limits=ImageLimits(
            max_bytes=settings.privacy_image_max_bytes,
            max_pixels=settings.privacy_image_max_pixels,
            time_limit_seconds=settings.privacy_image_time_limit_seconds,
        ),
        workers=settings.privacy_image_workers,
        backlog=settings.privacy_image_backlog,
    )
    chats = ChatDirectory(db, clock)
    announcements = build_announcements(settings, db, clock, chats, texts, telegram_bot)
    # X: mentions answered by a worker; None (logged once) without X credentials.
    x_channel = build_x_channel(
        settings,
        db,
        texts,
        clock,
        matcher=matcher,
        scanner=scanner,
        bot_username=telegram_bot.username,
    )
    x_target = x_announcement_target(settings)
    if x_channel is not None and x_target is not None:
        # Moderators add the X account to an announcement with "+x" (or "x" alone).
        announcements.add_channel(X_CHANNEL, x_channel.sender, x_target, X_PACE)
    guard = build_impersonation_guard(
        settings,
        db,
        clock,
        texts,
        TelegramGuardActions(telegram_bot),
        member_of(telegram_bot.bot),
        announcements.roles.moderators,
    )
    desk = build_desk(
        settings,
        db,
        texts,
        clock,
        TelegramDeskGateway(telegram_bot),
        ScannerSecretDetector(scanner),
        lookalikes=guard.registry,
    )
    operations = (
        [OperationsServer(db, metrics, settings.metrics_listen, settings.metrics_port)]
        if settings.metrics_port is not None
        else []
    )
    return Services(
        settings=settings,
        db=db,
        updates=UpdateLedger(db, clock),
        metrics=metrics,
        texts=texts,
        clock=clock,
        chats=chats,
        scanner=scanner,
        answers=answers,
        privacy=privacy,
        privacy_images=privacy_images,
        workers=[
            privacy,
            privacy_images,
            announcements,
            *([x_channel.worker] if x_channel else []),
            *operations,
        ],
        announcements=announcements,
        desk=desk,
        impersonation=guard,
    )


# One thread at a time on X, a few seconds apart: X allows far fewer posts than Telegram.
X_PACE = PaceLimits(per_second=0.5, per_target_interval=5.0)


def _clock(settings: Settings) -> Clock:
    if settings.clock_start is None:
        return SystemClock()
    log.warning(
        "the clock starts at CLOCK_START, not now: for tests and demos only",
        extra={"clock_start": settings.clock_start.isoformat()},
    )
    return StartedClock(settings.clock_start)


def _url_or_none(url: object) -> str | None:
    return str(url) if url else None


class PollingConflict(Exception):
    """Another process polls Telegram with this token (Telegram answered 409 Conflict)."""


def build_application(settings: Settings) -> Application[Any, Any, Any, Any, Any, Any]:
    token = settings.token
    if token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")

    # Retries RetryAfter for us and spaces out sends within Telegram's limits.
    rate_limiter = SharedRateLimiter(max_retries=3)
    metrics = BeaconMetrics()

    async def post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        services = await build_services(settings, application.bot, metrics)
        application.bot_data["services"] = services
        if services.announcements.worker is not None:
            # Replies and broadcasts share Telegram's overall limit (see rate_limiter.py).
            rate_limiter.share(services.announcements.worker.pacer(DEFAULT_CHANNEL))
        await services.start_workers()
        me = application.bot
        log.info("bot ready", extra={"bot_username": me.username, "mode": settings.bot_mode})

    async def post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        services = application.bot_data.pop("services", None)
        if isinstance(services, Services):  # not when start-up failed: the CLI says why
            await services.close()
            log.info("bot stopped")

    # Updates of one chat are handled in order; different chats run side by side; the privacy
    # guard screens every update first, outside that order (see bot/update_processor.py).
    processor = PerChatUpdateProcessor(
        max_concurrent_updates=64, observe=metrics.handler_seconds.observe
    )
    # One update PTB cannot parse must not cost the rest of its batch (update_parsing.py).
    bot = SafeParsingBot(
        token,
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.telegram_file_base_url,
        request=MeteredRequest(metrics, connection_pool_size=256),
        get_updates_request=MeteredRequest(metrics),
        rate_limiter=rate_limiter,
    )
    application = (
        ApplicationBuilder()
        .bot(bot)
        .context_types(ContextTypes(context=BeaconContext))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .concurrent_updates(processor)
        .build()
    )
    processor.screen = privacy_guard.privacy_screen(application)
    register_handlers(application)
    return application


def register_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Every handler module, in the order documented in docs/ARCHITECTURE.md."""
    updates.register(application)  # group -100: a repeated delivery stops here
    privacy_guard.register(application)  # first: its /start priv_ precedes the desk's /start
    impersonation.register(application)
    privacy_images.register(application)
    core.register(application)
    answers.register(application)
    announcement_handlers.register(application)
    desk.register(application)  # after every /start <payload> handler: its /start catches the rest
    application.add_error_handler(on_error)


def run(settings: Settings) -> None:
    """Run until SIGINT/SIGTERM; on stop, updates already fetched are still processed."""
    application = build_application(settings)
    updater = application.updater
    assert updater is not None  # ApplicationBuilder always builds one
    if settings.bot_mode == "webhook":
        assert settings.webhook_url is not None and settings.webhook_secret is not None
        url = str(settings.webhook_url)
        secret = settings.webhook_secret.get_secret_value()

        def start_updater() -> Awaitable[object]:
            return updater.start_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=_url_path(url),
                webhook_url=url,
                secret_token=secret,
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=False,
            )

    else:

        def on_fetch_error(error: TelegramError) -> None:
            # A failed getUpdates goes to the error handler, as in PTB's run_polling.
            application.create_task(application.process_error(error=error, update=None))

        async def start_polling() -> object:
            await _refuse_a_second_poller(application.bot, settings.polling_probe_seconds)
            return await updater.start_polling(
                poll_interval=0.0,
                timeout=10,
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=False,
                error_callback=on_fetch_error,
            )

        def start_updater() -> Awaitable[object]:
            return start_polling()

    asyncio.run(serve(application, start_updater))


async def _refuse_a_second_poller(bot: Bot, seconds: int) -> None:
    """Raise `PollingConflict` when another process long-polls with this token.

    Telegram answers 409 to the older of two long polls: this probe cuts the running poller's
    poll short, it polls again (PTB retries after a second) and the probe gets the 409. Nothing
    is confirmed (no offset), so updates the probe sees are fetched again by the real poll.
    """
    if seconds <= 0:
        return
    try:
        await bot.get_updates(limit=1, timeout=seconds, allowed_updates=ALLOWED_UPDATES)
    except Conflict as exc:
        if "webhook" in str(exc).lower():
            return  # a webhook is set, not a poller: start_polling removes it
        raise PollingConflict(str(exc)) from None


def _url_path(url: str) -> str:
    path = url.split("://", 1)[-1].partition("/")[2]
    return path
