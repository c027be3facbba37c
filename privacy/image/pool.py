"""`ImageReaderPool`: images are read in worker processes, so the event loop never waits.

Processes rather than threads: OCR's Python steps (box geometry, decoding) hold the GIL and
would slow the bot's own text path; a process can also be killed when it overruns. Workers
run at a lower CPU priority, so on a small machine the bot's messages come first. The
models load in each worker on its first image, never at the bot's start-up.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from privacy.image.limits import ImageLimits, ImageSkipped, SkipReason
from privacy.image.text import ImageText

__all__ = ["ImageReaderPool"]

log = logging.getLogger(__name__)

# Beyond its own limit a worker gets this long to answer before it is killed.
_GRACE_SECONDS = 5.0


class ImageReaderPool:
    def __init__(self, limits: ImageLimits, workers: int = 1, niceness: int = 10) -> None:
        self.limits = limits
        self.workers = workers
        self._niceness = niceness
        self._executor: ProcessPoolExecutor | None = None

    async def read(self, data: bytes) -> ImageText:
        """Read one image in a worker; `ImageSkipped` says why it was not read."""
        executor = self._ensure_executor()
        try:
            future = executor.submit(_read_in_worker, data)
        except (BrokenProcessPool, RuntimeError) as error:
            self._discard(executor)
            raise ImageSkipped(SkipReason.READER_FAILED) from error
        limit = self.limits.time_limit_seconds + _GRACE_SECONDS
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), limit)
        except ImageSkipped:
            raise
        except TimeoutError as error:
            self._discard(executor)  # the worker is stuck in native code: kill it
            raise ImageSkipped(SkipReason.TIMED_OUT) from error
        except BrokenProcessPool as error:  # a worker died (out of memory, a crash)
            self._discard(executor)
            raise ImageSkipped(SkipReason.READER_FAILED) from error
        except Exception as error:
            log.error("image reader failed", extra={"error": type(error).__name__})
            raise ImageSkipped(SkipReason.READER_FAILED) from error

    def close(self) -> None:
        if self._executor is not None:
            self._discard(self._executor)

    def _ensure_executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # spawn: the bot has threads running, which fork must not copy.
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.limits, self._niceness),
            )
        return self._executor

    def _discard(self, executor: ProcessPoolExecutor) -> None:
        if self._executor is executor:
            self._executor = None
        # The executor cannot stop a running task; its processes can be. `_processes` is
        # the executor's own table of them (stable since Python 3.2).
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.kill()


# -- in the worker process ----------------------------------------------------------------
# Each worker process holds one reader (its models), built by the initializer.
_worker_reader = None


def _start_worker(limits: ImageLimits, niceness: int) -> None:
    global _worker_reader
    if niceness:
        os.nice(niceness)
    from privacy.image.reader import ImageReader

    _worker_reader = ImageReader(limits)


def _read_in_worker(data: bytes) -> ImageText:
    assert _worker_reader is not None, "the pool's initializer builds the reader"
    return _worker_reader.read(data)
