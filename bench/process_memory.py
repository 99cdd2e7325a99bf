"""Memory figures the scale benches share: the peak RSS of a process tree, sampled from outside,
and a Dask worker's own peak, read inside it."""

from __future__ import annotations

import os
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
    """The peak of the summed RSS of processes and all their descendants, sampled; and the first
    root's own peak (``first_peak``, its ``VmHWM``, as last read before it ended).

    The first root's own peak is read inside it because ``wait4``'s ``ru_maxrss`` is not its own
    when it was started by this process: the child's high-water mark before it ran ``exec``
    counts, and that is this process's (a ``vfork``ed child shares its memory): a bench that had
    just generated 100,000 documents read 123 MB for a command whose own peak was 94 MB."""

    def __init__(self, roots: list[int], every: float = 0.2) -> None:
        import psutil

        super().__init__()
        self.roots = [psutil.Process(pid) for pid in roots]
        self.every, self.peak, self.first_peak = every, 0, 0

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                self.first_peak = max(self.first_peak, status_kb(self.roots[0].pid) * 1024)
            except (OSError, KeyError, IndexError):
                pass  # it has ended
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


def status_kb(pid: int, field: str = "VmHWM") -> int:
    """A field of a running process's ``/proc`` status, in kB: its own peak RSS (``VmHWM``) by
    default, its RSS now with ``VmRSS``."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        return int(status.read().split(f"{field}:")[1].split()[0])


def peak_rss_mb() -> float:
    """Runs in a worker: its peak resident memory (VmHWM)."""
    return status_kb(os.getpid()) / 1024
