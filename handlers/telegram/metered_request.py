"""The Bot API HTTP client, counting requests by method and Telegram's 429 answers."""

from __future__ import annotations

from typing import Any

from telegram.request import HTTPXRequest

from bot.operations import BeaconMetrics

__all__ = ["MeteredRequest"]


class MeteredRequest(HTTPXRequest):
    def __init__(self, metrics: BeaconMetrics, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._metrics = metrics

    async def do_request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        status, payload = await super().do_request(url, method, *args, **kwargs)
        # The URL ends with the Bot API method; the token before it is never recorded.
        self._metrics.telegram_requests.labels(url.rsplit("/", 1)[-1]).inc()
        if status == 429:
            self._metrics.telegram_rate_limited.inc()
        return status, payload
