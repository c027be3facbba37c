"""`GET /healthz` and `GET /metrics` on their own port (METRICS_LISTEN:METRICS_PORT).

Its own port, not the webhook's: PTB's webhook server serves one path, and a load balancer's
health check and a Prometheus scraper should not need the public TLS endpoint.
"""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bot.operations.metrics import BeaconMetrics
from bot.storage import Database

__all__ = ["HEALTH_TIMEOUT_SECONDS", "OperationsServer"]

log = logging.getLogger("beacon")

HEALTH_TIMEOUT_SECONDS = 3.0


class OperationsServer:
    """A small aiohttp server; `start()`/`stop()` like the other background workers."""

    def __init__(self, db: Database, metrics: BeaconMetrics, host: str, port: int) -> None:
        self._db = db
        self._metrics = metrics
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None

    def application(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/metrics", self._metrics_page)
        return app

    async def start(self) -> None:
        runner = web.AppRunner(self.application(), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, self._host, self._port).start()
        self._runner = runner
        log.info("health and metrics listening", extra={"host": self._host, "port": self._port})

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def _healthz(self, request: web.Request) -> web.Response:
        try:
            await asyncio.wait_for(self._db.ping(), HEALTH_TIMEOUT_SECONDS)
        except Exception as exc:  # any failure means "not healthy"; the reason is logged
            log.warning("health check: database unreachable (%s)", type(exc).__name__)
            return web.json_response({"status": "unhealthy", "database": "unreachable"}, status=503)
        return web.json_response({"status": "ok", "database": "ok"})

    async def _metrics_page(self, request: web.Request) -> web.Response:
        try:
            await asyncio.wait_for(self._metrics.refresh(self._db), HEALTH_TIMEOUT_SECONDS)
        except Exception as exc:  # still serve the process's own counters
            log.warning("metrics: database figures unavailable (%s)", type(exc).__name__)
        return web.Response(
            body=self._metrics.render(), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )
