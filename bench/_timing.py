"""A tiny timing helper shared by the bench/*.py scripts (not a benchmark itself).

    from _timing import measure
    t = measure(step)                      # warm-up, calibrate, then N rounds
    print(t.best * 1e6, "µs per call")

    t = measure(run, setup=make_input)     # time run(make_input()), the setup untimed

Each round is a loop sized to take about ``round_seconds``; the result holds the
best and the median of the rounds' per-call times.  Prefer ``best`` on a shared
machine: other processes only ever add time.  With ``disable_gc`` (the default)
the cyclic garbage collector is off during a round and the young generations
are collected before it, so garbage left by one entry is not collected in the
middle of another's round.  Timings use ``time.perf_counter``; pass
``clock=time.process_time`` to count only this process's CPU time when other
jobs compete for the cores.
"""
import gc
import statistics
import time
from dataclasses import dataclass

__all__ = ["Timing", "measure", "measure_many"]


@dataclass
class Timing:
    best: float          # seconds per call in the fastest round
    median: float        # seconds per call, median over the rounds
    rounds: int
    loops: int           # calls per round
    gc_disabled: bool

    @property
    def noise(self):
        """median / best - 1: how much the machine disturbed the rounds."""
        return self.median / self.best - 1.0


class _Timer:
    """One callable, calibrated once, then timed round after round."""

    def __init__(self, fn, setup, round_seconds, warmup_seconds, max_loops, disable_gc,
                 clock=time.perf_counter):
        self.fn, self.setup, self.disable_gc, self.clock = fn, setup, disable_gc, clock
        self.samples = []
        # Warm-up: run for about warmup_seconds (at least twice); the later calls
        # tell how long one call takes, so how many calls fill a round.
        self._loop(1)
        clock = self.clock
        calls, spent, end = 0, 0.0, clock() + warmup_seconds
        while calls < 2 or clock() < end:
            spent += self._loop(1)
            calls += 1
        one = max(spent / calls, 1e-9)
        self.loops = int(min(max_loops, max(1, round(round_seconds / one))))

    def _loop(self, loops):
        """Seconds spent in ``fn`` over ``loops`` calls (any setup not included)."""
        fn, setup, clock = self.fn, self.setup, self.clock
        if setup is None:
            start = clock()
            for _ in range(loops):
                fn()
            return clock() - start
        total = 0.0
        for _ in range(loops):
            arg = setup()
            start = clock()
            fn(arg)
            total += clock() - start
        return total

    def round(self):
        if self.disable_gc:
            # Young generations only: a full collection walks every object of the
            # process (about 150 ms once torch is imported) and is not needed here.
            gc.collect(1)
            gc.disable()
        try:
            seconds = self._loop(self.loops)
        finally:
            if self.disable_gc:
                gc.enable()
        self.samples.append(seconds / self.loops)

    def result(self):
        return Timing(min(self.samples), statistics.median(self.samples), len(self.samples),
                      self.loops, self.disable_gc)


def measure(fn, setup=None, *, rounds=7, round_seconds=0.075, warmup_seconds=0.05,
            max_loops=1_000_000, disable_gc=True, clock=time.perf_counter):
    """Seconds per call of ``fn()``, or of ``fn(setup())`` with the setup untimed."""
    timer = _Timer(fn, setup, round_seconds, warmup_seconds, max_loops, disable_gc, clock)
    for _ in range(rounds):
        timer.round()
    return timer.result()


def measure_many(fns, *, rounds=7, round_seconds=0.075, warmup_seconds=0.05,
                 max_loops=1_000_000, disable_gc=True, clock=time.perf_counter):
    """``measure`` for several callables, their rounds interleaved.

    ``fns`` maps a name to ``fn`` or to ``(fn, setup)``.  Interleaving (A B C A B C ...)
    means a slow moment of a shared machine hits every entry, not just one, so the
    ratios between entries stay fair.  Returns {name: Timing}.
    """
    timers = {}
    for name, entry in fns.items():
        fn, setup = entry if isinstance(entry, tuple) else (entry, None)
        timers[name] = _Timer(fn, setup, round_seconds, warmup_seconds, max_loops, disable_gc, clock)
    for _ in range(rounds):
        for timer in timers.values():
            timer.round()
    return {name: timer.result() for name, timer in timers.items()}


if __name__ == "__main__":
    # `make bench` runs every bench/*.py; this one is only the helper.
    print("bench/_timing.py is the shared timing helper; nothing to measure here.")
