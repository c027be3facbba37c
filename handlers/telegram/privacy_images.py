"""Privacy guard for images: queue every photo and image document for review.

Runs in its own group before the text guard and only queues (the review happens off the
event loop, in `ImageGuard`), so it never delays the message's other handlers, nor the
chat's next messages. The caption is the text guard's, as for any message.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, MessageHandler, filters

from bot.privacy_guard.images import ImageRef, PhotoSize, choose_photo_size
from handlers.telegram.context import BeaconContext, inbound_from
from privacy.image import ImageSkipped, SkipReason

__all__ = ["IMAGE_GROUP", "TelegramImageFetcher", "register"]

log = logging.getLogger(__name__)

IMAGE_GROUP = -2  # before the text guard (-1), which may stop the update

_IMAGES = (filters.UpdateType.MESSAGES | filters.UpdateType.CHANNEL_POSTS) & (
    filters.PHOTO | filters.Document.IMAGE
)


class TelegramImageFetcher:
    """`ImageFetcher` over the Bot API: getFile, then the file's bytes."""

    def __init__(self, bot: Any) -> None:
        self._bot = bot

    async def fetch(self, ref: ImageRef, max_bytes: int) -> bytes:
        try:
            file = await self._bot.get_file(ref.file_id)
            if file.file_size is not None and file.file_size > max_bytes:
                raise ImageSkipped(SkipReason.TOO_LARGE)
            data = bytes(await file.download_as_bytearray())
        except TelegramError as error:
            raise ImageSkipped(SkipReason.DOWNLOAD_FAILED) from error
        if len(data) > max_bytes:
            raise ImageSkipped(SkipReason.TOO_LARGE)
        return data


async def on_image(update: Update, context: BeaconContext) -> None:
    """Queue the photo or image document for the privacy guard."""
    message = update.effective_message
    inbound = inbound_from(update, context.bot.username)
    if message is None or inbound is None:
        return
    if message.photo:
        sizes = [PhotoSize(p.file_id, p.width, p.height, p.file_size) for p in message.photo]
        chosen = choose_photo_size(sizes)
        if chosen is None:
            return
        ref = ImageRef(chosen.file_id, chosen.file_size, chosen.width, chosen.height)
    elif message.document is not None:
        ref = ImageRef(message.document.file_id, message.document.file_size)
    else:
        return
    context.services.privacy_images.submit(inbound, ref)


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(MessageHandler(_IMAGES, on_image), group=IMAGE_GROUP)
