"""Memory figures the scale benches share: the peak RSS of a process tree, sampled from outside,
and a Dask worker's own peak, read inside it."""

from __future__ import annotations

import threading


class Sampler:
    """A thread that reads something while a block runs (``with``), until the block ends: the
    subclass's ``_sample`` loops until ``self._stop`` is set."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        raise NotImplementedError

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


class TreeMemory(Sampler):
    """The peak of the summed RSS of processes and all their descendants, sampled."""

    def __init__(self, roots: list[int], every: float = 0.2) -> None:
        import psutil

        super().__init__()
        self.roots = [psutil.Process(pid) for pid in roots]
        self.every, self.peak = every, 0

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            total, seen = 0, set()
            for root in self.roots:
                try:
                    family = [root, *root.children(recursive=True)]
                except psutil.Error:
                    continue
                for process in family:
                    if process.pid in seen:
                        continue
                    seen.add(process.pid)
                    try:
                        total += process.memory_info().rss
                    except psutil.Error:
                        pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)


def peak_rss_mb() -> float:
    """Runs in a worker: its peak resident memory (VmHWM)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")
