"""A node's file locks: one holder at a time across the threads of a process and across processes (flock)."""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Busy(Exception):
    """Another thread or process holds the lock and the caller asked not to wait."""


class NodeLock:
    """An exclusive lock on `path`, re-entrant for the thread that holds it.

    flock alone is per open file, so two threads of one process would each get it; the thread lock orders them
    first. Re-entry by the holder only counts depth (flock would wait for itself).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread_lock = threading.RLock()
        self._depth = 0

    @contextmanager
    def hold(self, wait: bool = True) -> Iterator[None]:
        if not self._thread_lock.acquire(blocking=wait):
            raise Busy(str(self.path))
        try:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a+") as fh:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    raise Busy(str(self.path)) from None
                self._depth = 1
                try:
                    yield
                finally:
                    self._depth = 0
                    fcntl.flock(fh, fcntl.LOCK_UN)
        finally:
            self._thread_lock.release()

    @property
    def held_here(self) -> bool:
        """Whether this thread holds it now (a re-entrant acquire would not wait)."""
        if not self._thread_lock.acquire(blocking=False):
            return False
        try:
            return self._depth > 0
        finally:
            self._thread_lock.release()
