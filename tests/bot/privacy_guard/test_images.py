"""`ImageGuard` with fakes: queueing, newest first, back-pressure, limits and skip logs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import pytest

from bot.messages import Inbound, Sender
from bot.privacy_guard.images import (
    ImageGuard,
    ImageRef,
    PhotoSize,
    choose_photo_size,
)
from bot.privacy_guard.ports import FoundSpan
from privacy.image import ImageScan, ImageSkipped, ImageText, SkipReason
from privacy.scanner import Finding
from privacy.severity import Severity

SECRET_TEXT = "Email: alice.chen@gmail.com"


def _inbound(message_id: int, caption: str = "") -> Inbound:
    return Inbound(
        chat_id=-100,
        chat_type="supergroup",
        message_id=message_id,
        text=caption,
        language="en",
        sender=Sender(7, "Alice"),
        has_media=True,
    )


class FakeFetcher:
    def __init__(self) -> None:
        self.fetched: list[str] = []

    async def fetch(self, ref: ImageRef, max_bytes: int) -> bytes:
        self.fetched.append(ref.file_id)
        if ref.file_id == "broken":
            raise ImageSkipped(SkipReason.DOWNLOAD_FAILED)
        return ref.file_id.encode()


class FakeReader:
    """Holds every read until `release` is set, so tests can pile images up."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.release.set()

    async def read(self, data: bytes) -> ImageText:
        await self.release.wait()
        return ImageText(SECRET_TEXT if data.startswith(b"secret") else "hello")


class FakeScanner:
    def scan(self, image: ImageText) -> ImageScan:
        if "@" not in image.text:
            return ImageScan(image.text, [])
        start = image.text.index("alice")
        finding = Finding("EMAIL_ADDRESS", start, len(image.text), 1.0, Severity.SENSITIVE)
        return ImageScan(image.text, [finding])


class FakeReviewer:
    def __init__(self) -> None:
        self.reviewed: list[tuple[Inbound, list[FoundSpan]]] = []

    async def review_findings(self, inbound: Inbound, findings: Sequence[FoundSpan]) -> bool:
        self.reviewed.append((inbound, list(findings)))
        return True


class FakeHandled:
    def __init__(self, seen: set[int] | None = None) -> None:
        self.seen = seen or set()

    async def seen_in_message(self, chat_id: int, message_id: int) -> frozenset[str]:
        return frozenset({"x"}) if message_id in self.seen else frozenset()


def _guard(
    reader: FakeReader | None = None,
    reviewer: FakeReviewer | None = None,
    handled: FakeHandled | None = None,
    backlog: int = 8,
) -> tuple[ImageGuard, FakeFetcher, FakeReviewer]:
    fetcher, reviewer = FakeFetcher(), reviewer or FakeReviewer()
    guard = ImageGuard(
        fetcher=fetcher,
        reader=reader or FakeReader(),
        scanner=FakeScanner(),
        reviewer=reviewer,
        handled=handled or FakeHandled(),
        max_bytes=1000,
        max_pixels=10_000,
        workers=1,
        backlog=backlog,
    )
    return guard, fetcher, reviewer


async def _drain(guard: ImageGuard) -> None:
    for _ in range(500):
        if guard.pending == 0:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the guard never finished its queue")


async def test_an_image_with_private_data_goes_to_the_same_review_as_text() -> None:
    guard, _, reviewer = _guard()
    assert await guard.review(_inbound(1), ImageRef("secret-1")) is True
    ((inbound, findings),) = reviewer.reviewed
    assert [f.type for f in findings] == ["EMAIL_ADDRESS"]
    # The findings index the text read in the image, which stands in for the message text.
    assert inbound.text[findings[0].start : findings[0].end].startswith("alice")


async def test_a_clean_image_is_left_alone() -> None:
    guard, _, reviewer = _guard()
    assert await guard.review(_inbound(1), ImageRef("clean")) is False
    assert reviewer.reviewed == []


async def test_an_image_whose_caption_was_already_acted_on_is_not_noticed_twice() -> None:
    guard, _, reviewer = _guard(handled=FakeHandled({1}))
    assert await guard.review(
        _inbound(1, caption="my email alice.chen@gmail.com"), ImageRef("secret")
    )
    assert reviewer.reviewed == []


async def test_submit_returns_at_once_and_the_newest_image_is_read_first() -> None:
    reader = FakeReader()
    reader.release.clear()
    guard, fetcher, reviewer = _guard(reader)
    await guard.start()
    try:
        guard.submit(_inbound(1), ImageRef("secret-1"))
        await asyncio.sleep(0.05)  # the worker holds image 1 in the reader
        for n in (2, 3, 4):
            guard.submit(_inbound(n), ImageRef(f"secret-{n}"))
        assert guard.pending == 4
        reader.release.set()
        await _drain(guard)
    finally:
        await guard.stop()
    assert fetcher.fetched == ["secret-1", "secret-4", "secret-3", "secret-2"]
    assert [i.message_id for i, _ in reviewer.reviewed] == [1, 4, 3, 2]


async def test_past_the_backlog_the_oldest_waiting_image_is_skipped_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    reader = FakeReader()
    reader.release.clear()
    guard, fetcher, _ = _guard(reader, backlog=2)
    await guard.start()
    try:
        guard.submit(_inbound(1), ImageRef("secret-1"))
        await asyncio.sleep(0.05)
        with caplog.at_level(logging.WARNING):
            for n in (2, 3, 4):
                guard.submit(_inbound(n), ImageRef(f"secret-{n}"))
        reader.release.set()
        await _drain(guard)
    finally:
        await guard.stop()
    assert fetcher.fetched == ["secret-1", "secret-4", "secret-3"]
    (record,) = [r for r in caplog.records if r.getMessage() == "image skipped"]
    assert record.__dict__["message_id"] == 2 and record.__dict__["reason"] == "backlog"


@pytest.mark.parametrize(
    ("ref", "reason"),
    [
        (ImageRef("big", file_size=5000), "too_large"),
        (ImageRef("huge", width=200, height=100), "too_many_pixels"),
        (ImageRef("broken"), "download_failed"),
    ],
)
async def test_an_image_over_a_limit_is_skipped_with_a_log_line_without_content(
    ref: ImageRef, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    guard, _, reviewer = _guard()
    await guard.start()
    try:
        with caplog.at_level(logging.INFO):
            guard.submit(_inbound(9, caption="alice.chen@gmail.com"), ref)
            await _drain(guard)
    finally:
        await guard.stop()
    assert reviewer.reviewed == []
    skipped = [r for r in caplog.records if r.getMessage() == "image skipped"]
    assert [r.__dict__["reason"] for r in skipped] == [reason]
    assert all("alice" not in str(r.__dict__) for r in caplog.records)


@pytest.mark.parametrize(
    ("sizes", "chosen"),
    [
        ([(90, 195), (320, 693), (591, 1280), (1080, 2340)], (591, 1280)),
        ([(90, 51), (320, 180), (800, 450), (1280, 720), (1920, 1080)], (1280, 720)),
        ([(90, 90), (320, 320), (600, 600)], (600, 600)),  # small: the largest there is
        ([(1280, 720)], (1280, 720)),
    ],
)
def test_the_smallest_readable_photo_size_is_chosen(
    sizes: list[tuple[int, int]], chosen: tuple[int, int]
) -> None:
    photo = [PhotoSize(f"f{n}", w, h) for n, (w, h) in enumerate(sizes)]
    best = choose_photo_size(photo)
    assert best is not None and (best.width, best.height) == chosen


def test_no_photo_sizes_means_nothing_to_fetch() -> None:
    assert choose_photo_size([]) is None
