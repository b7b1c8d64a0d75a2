"""A progress bar with an ETA, without dependencies.

On a terminal it redraws one line (``\\r``); on anything else (a log file, CI,
a pipe) it prints a plain line at most every ``interval`` seconds and at every
10 %, so logs stay short and readable.
"""
import sys
import time


def _fmt(seconds):
    if seconds is None or seconds != seconds or seconds == float("inf"):
        return "--:--"
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


class Progress:
    def __init__(self, total, label="autograde", stream=None, width=28, interval=10.0, enabled=True):
        self.total = max(0, int(total))
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.interval = interval
        self.enabled = enabled
        self.done = 0
        self.problems = 0
        self.start = time.monotonic()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_print = 0.0
        self._last_decile = -1
        self._drawn = False

    def eta(self):
        if self.done == 0:
            return None
        elapsed = time.monotonic() - self.start
        return elapsed / self.done * (self.total - self.done)

    def line(self):
        elapsed = time.monotonic() - self.start
        pct = 100.0 * self.done / self.total if self.total else 100.0
        extra = f", 문제 {self.problems}건 / {self.problems} with issues" if self.problems else ""
        if self.tty:
            filled = int(self.width * self.done / self.total) if self.total else self.width
            bar = "#" * filled + "." * (self.width - filled)
            return (f"{self.label} [{bar}] {self.done}/{self.total} {pct:3.0f}%  "
                    f"경과 {_fmt(elapsed)}  남은 시간(ETA) {_fmt(self.eta())}{extra}")
        return (f"{self.label}: {self.done}/{self.total} notebooks ({pct:.0f}%), elapsed {_fmt(elapsed)}, "
                f"ETA {_fmt(self.eta())}{extra}")

    def update(self, n=1, problem=False):
        self.done += n
        if problem:
            self.problems += 1
        self.draw()

    def draw(self, force=False):
        if not self.enabled:
            return
        now = time.monotonic()
        if self.tty:
            self.stream.write("\r" + self.line() + "\x1b[K")
            self.stream.flush()
            self._drawn = True
            return
        decile = int(10 * self.done / self.total) if self.total else 10
        if force or decile != self._last_decile or now - self._last_print >= self.interval:
            self._last_decile = decile
            self._last_print = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def close(self):
        if not self.enabled:
            return
        if self.tty:
            if self._drawn:
                self.stream.write("\r" + self.line() + "\x1b[K\n")
                self.stream.flush()
        elif self.done != self.total or self._last_decile != 10:
            self.draw(force=True)
