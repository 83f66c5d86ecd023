"""Timing an action, and the peak memory of the whole process tree while it runs."""

from __future__ import annotations

import threading
import time

import psutil


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def timed_with_memory(action) -> tuple[float, float]:
    """Seconds taken, and the peak memory of this process and all its descendants together (MiB).

    Each process counts its proportional set size (PSS), so pages that forked workers share are
    counted once, not once per worker; where PSS is not available, its resident size.
    """
    peak, done = [0], threading.Event()

    def sample() -> None:
        me = psutil.Process()
        while not done.is_set():
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    info = process.memory_full_info()
                    total += getattr(info, "pss", info.rss)
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], total)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        seconds = timed(action)
    finally:
        done.set()
        sampler.join()
    return seconds, peak[0] / 2**20
