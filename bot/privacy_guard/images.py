"""`ImageGuard`: photos and image documents are read off the event loop and, when they
hold private data, get the same decision, removal and notice as a text message.

`submit` only queues the image and returns, so no handler (and no other message of the
chat) ever waits for OCR. A few workers take the newest image first; when images come
faster than they can be read, the oldest waiting one is dropped, with a log line that
names the message, never its content. An image and what was read in it live in memory for
the length of one review and are never stored or logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.messages import Inbound
from bot.privacy_guard.ports import FoundSpan
from bot.privacy_guard.service import PrivacyService
from privacy.image import (
    ImageLimits,
    ImageReaderPool,
    ImageScan,
    ImageSkipped,
    ImageText,
    ImageTextScanner,
    SkipReason,
    chinese_segmenter,
)
from privacy.scanner import PrivacyScanner

__all__ = [
    "ImageFetcher",
    "ImageGuard",
    "ImageRef",
    "ImageScanning",
    "PhotoSize",
    "TextImageReader",
    "build_image_guard",
    "choose_photo_size",
]

log = logging.getLogger(__name__)

# The smallest photo size worth reading: Telegram's sizes are 90, 320, 800, 1280 and 2560
# px on the long side; at 1280 a phone screenshot's text is still about 20 px tall.
READABLE_LONG_SIDE = 1280


@dataclass(frozen=True)
class PhotoSize:
    file_id: str
    width: int
    height: int
    file_size: int | None = None


@dataclass(frozen=True)
class ImageRef:
    """Which file to fetch; `file_size` (when Telegram says) is checked before fetching."""

    file_id: str
    file_size: int | None = None
    width: int | None = None
    height: int | None = None


def choose_photo_size(sizes: Sequence[PhotoSize]) -> PhotoSize | None:
    """The smallest size with a long side of at least `READABLE_LONG_SIDE`, else the
    largest there is (a small photo is read as it is)."""
    if not sizes:
        return None
    by_area = sorted(sizes, key=lambda s: s.width * s.height)
    readable = [s for s in by_area if max(s.width, s.height) >= READABLE_LONG_SIDE]
    return readable[0] if readable else by_area[-1]


class ImageFetcher(Protocol):
    async def fetch(self, ref: ImageRef, max_bytes: int) -> bytes:
        """The file's bytes; `ImageSkipped` when it is over `max_bytes` or cannot be had."""
        ...


class TextImageReader(Protocol):
    async def read(self, data: bytes) -> ImageText: ...


class ImageScanning(Protocol):
    def scan(self, image: ImageText) -> ImageScan: ...


class HandledMessages(Protocol):
    async def seen_in_message(self, chat_id: int, message_id: int) -> frozenset[str]:
        """Fingerprints of what the guard already acted on in this message."""
        ...


class FindingsReviewer(Protocol):
    async def review_findings(self, inbound: Inbound, findings: Sequence[FoundSpan]) -> bool:
        """Decide and act on findings in `inbound.text`, as for a text message."""
        ...


@dataclass(frozen=True)
class _Job:
    inbound: Inbound
    ref: ImageRef
    queued_at: float


class ImageGuard:
    def __init__(
        self,
        *,
        fetcher: ImageFetcher,
        reader: TextImageReader,
        scanner: ImageScanning,
        reviewer: FindingsReviewer,
        handled: HandledMessages,
        max_bytes: int,
        max_pixels: int,
        workers: int = 1,
        backlog: int = 32,
    ) -> None:
        self._fetcher = fetcher
        self._reader = reader
        self._scanner = scanner
        self._reviewer = reviewer
        self._handled = handled
        self._max_bytes = max_bytes
        self._max_pixels = max_pixels
        self._workers = workers
        self._waiting: deque[_Job] = deque()
        self._backlog = backlog
        self._wakeup = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._busy = 0

    # -- the handler's side ----------------------------------------------------------------

    def submit(self, inbound: Inbound, ref: ImageRef) -> None:
        """Queue an image for review and return at once."""
        if ref.file_size is not None and ref.file_size > self._max_bytes:
            _log_skip(inbound, SkipReason.TOO_LARGE)
            return
        if ref.width and ref.height and ref.width * ref.height > self._max_pixels:
            _log_skip(inbound, SkipReason.TOO_MANY_PIXELS)
            return
        self._waiting.append(_Job(inbound, ref, time.monotonic()))
        while len(self._waiting) > self._backlog:
            _log_skip(self._waiting.popleft().inbound, SkipReason.BACKLOG)
        self._wakeup.set()

    @property
    def pending(self) -> int:
        """Images waiting or being read (for tests and metrics)."""
        return len(self._waiting) + self._busy

    # -- workers ---------------------------------------------------------------------------

    async def start(self) -> None:
        if not self._tasks:
            self._tasks = [
                asyncio.create_task(self._work(), name=f"image-guard-{n}")
                for n in range(self._workers)
            ]

    async def stop(self) -> None:
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        close = getattr(self._reader, "close", None)
        if close is not None:
            close()

    async def _work(self) -> None:
        while True:
            if not self._waiting:
                self._wakeup.clear()
                await self._wakeup.wait()
                continue
            job = self._waiting.pop()  # newest first: the message most people will see
            self._busy += 1
            try:
                await self.review(job.inbound, job.ref)
            finally:
                self._busy -= 1

    async def review(self, inbound: Inbound, ref: ImageRef) -> bool:
        """Fetch, read and scan one image, then act as on a text message; True if acted."""
        try:
            data = await self._fetcher.fetch(ref, self._max_bytes)
            image = await self._reader.read(data)
            del data
        except ImageSkipped as skipped:
            _log_skip(inbound, skipped.reason)
            return False
        except Exception as error:  # one bad image never stops the worker
            log.error(
                "image review failed",
                extra={**_where(inbound), "error": type(error).__name__},
            )
            return False
        scan = self._scanner.scan(image)
        if not scan.findings:
            return False
        if not inbound.is_edit and await self._handled.seen_in_message(
            inbound.chat_id, inbound.message_id
        ):
            return True  # its caption held private data: removed and noticed already
        # The findings index the scanned document, so it stands in for the message text.
        return await self._reviewer.review_findings(
            dataclasses.replace(inbound, text=scan.text), scan.findings
        )


def _where(inbound: Inbound) -> dict[str, object]:
    return {"chat_id": inbound.chat_id, "message_id": inbound.message_id}


def _log_skip(inbound: Inbound, reason: SkipReason) -> None:
    log.warning("image skipped", extra={**_where(inbound), "reason": reason.value})


def build_image_guard(
    *,
    privacy: PrivacyService,
    scanner: PrivacyScanner,
    fetcher: ImageFetcher,
    limits: ImageLimits,
    workers: int,
    backlog: int,
) -> ImageGuard:
    """The guard over a process pool; nothing heavy loads until the first image."""
    return ImageGuard(
        fetcher=fetcher,
        reader=ImageReaderPool(limits, workers=workers),
        scanner=ImageTextScanner(scanner, chinese_segmenter(scanner)),
        reviewer=privacy,
        handled=privacy.incidents,
        max_bytes=limits.max_bytes,
        max_pixels=limits.max_pixels,
        workers=workers,
        backlog=backlog,
    )
