"""Webhook delivery: POST each pending update to the bot's URL, in order, like Telegram."""

from __future__ import annotations

import asyncio
import contextlib
import time

import aiohttp

from sandbox.state import World

#: Pause after a failed delivery before trying the same update again.
RETRY_DELAY = 0.5


class WebhookDeliverer:
    """Background task that drains the update queue into the webhook while one is set."""

    def __init__(self, world: World) -> None:
        self._world = world
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None
        self.delivered = 0

    def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        self._task = asyncio.create_task(self._run(), name="sandbox-webhook")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._session is not None:
            await self._session.close()

    async def _run(self) -> None:
        world = self._world
        while not world.closing:
            version = world.version
            hook = world.webhook
            ready = world.deliverable(hook.allowed_updates, 1) if hook else []
            if hook is None or not ready:
                await world.wait_change(version, 5.0)
                continue
            update = ready[0]
            error = await self._post(hook.url, hook.secret_token, update.payload)
            if world.webhook is not hook:
                continue
            if error is None:
                world.confirm(update.update_id + 1)
                self.delivered += 1
            else:
                hook.last_error_date = int(time.time())
                hook.last_error_message = error
                world.touch()
                await asyncio.sleep(RETRY_DELAY)

    async def _post(self, url: str, secret: str | None, payload: dict[str, object]) -> str | None:
        assert self._session is not None
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        try:
            async with self._session.post(url, json=payload, headers=headers) as response:
                if 200 <= response.status < 300:
                    return None
                return f"Wrong response from the webhook: {response.status} {response.reason}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            return f"Connection failed: {exc.__class__.__name__}"
