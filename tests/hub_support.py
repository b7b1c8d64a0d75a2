"""Helpers for the JupyterHub test (tests/test_hub.py).

* ``unavailable()``: why a local hub cannot run here (not root, no useradd, no npm's
  configurable-http-proxy, no jupyterhub), or None.
* ``unix_users()``: real local users made with useradd and removed with userdel -r
  afterwards, even when the test fails.
* ``traversable()``: the course's environment (the repo's .venv and the Python it was
  made from) reachable by other users: adds o+x to the folders on the way that lack it,
  and puts their modes back afterwards.
* ``Hub``: ``jupyterhub -f deploy/jupyterhub_config.py`` on free ports (``launch`` returns
  at once, ``wait_ready`` waits for its API).
* ``write_lab_settings()``: JupyterLab user settings in a user's home (no news toasts).
* ``submit_login()`` / ``wait_for_lab()``: the hub's login form in a Playwright page, then
  that user's JupyterLab (through the spawn-pending page).
* ``as_user()``: a command run as one of those users (runuser), in their home.
"""
from __future__ import annotations

import contextlib
import json
import os
import pwd
import re
import shutil
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
ENV_BIN = Path(sys.executable).parent
PROXY = Path(os.environ.get("AUTOGRAD_COURSE_HUB_PROXY",
                            ROOT / ".venv" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"))


def unavailable():
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "the hub test makes Unix users and runs JupyterHub as root: run `make test` as root"
    for tool in ("useradd", "userdel", "runuser"):
        if shutil.which(tool) is None:
            return f"{tool} is missing (Debian's passwd / util-linux)"
    if not (ENV_BIN / "jupyterhub").exists():
        return f"jupyterhub is not installed next to {sys.executable}: pip install -e '.[test]'"
    if not PROXY.exists():
        if shutil.which("npm") is None:
            return ("npm is missing, so configurable-http-proxy cannot be installed: "
                    "`sudo apt-get install npm`, then `make hub-proxy`")
        return f"configurable-http-proxy is not at {PROXY}: run `make hub-proxy`"
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def unix_users(names):
    made = []
    try:
        for name in names:
            subprocess.run(["userdel", "-r", name], capture_output=True)   # a leftover of a killed run
            subprocess.run(["useradd", "-m", "-s", "/bin/bash", name], check=True, capture_output=True)
            made.append(name)
        yield {n: pwd.getpwnam(n) for n in names}
    finally:
        for name in made:
            subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
            subprocess.run(["userdel", "-r", "-f", name], capture_output=True)


@contextlib.contextmanager
def traversable(paths):
    changed = {}
    try:
        for p in paths:
            for d in [Path(p).resolve(), *Path(p).resolve().parents]:
                if d.is_dir():
                    mode = stat.S_IMODE(d.stat().st_mode)
                    if not mode & stat.S_IXOTH and d not in changed:
                        changed[d] = mode
                        os.chmod(d, mode | stat.S_IXOTH)
        yield sorted(changed)
    finally:
        for d, mode in changed.items():
            os.chmod(d, mode)


def user_env(entry):
    return {"HOME": entry.pw_dir, "USER": entry.pw_name, "LOGNAME": entry.pw_name, "LANG": "C.UTF-8",
            "PATH": f"{ENV_BIN}:/usr/local/bin:/usr/bin:/bin", "PYTHONUNBUFFERED": "1"}


def as_user(entry, args, cwd=None, check=True, timeout=900):
    """Run ``args`` as the Unix user ``entry`` (a pwd entry), with a clean environment."""
    env = user_env(entry)
    cmd = ["runuser", "-u", entry.pw_name, "--", "env", "-i", *[f"{k}={v}" for k, v in env.items()], *args]
    result = subprocess.run(cmd, cwd=cwd or entry.pw_dir, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"as {entry.pw_name}: {' '.join(map(str, args))} -> {result.returncode}\n"
                             f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def write_lab_settings(entry, settings):
    """JupyterLab user settings in ``entry``'s home (~/.jupyter/lab/user-settings/), owned by them."""
    root = Path(entry.pw_dir) / ".jupyter" / "lab" / "user-settings"
    for rel, values in settings.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    for p in [Path(entry.pw_dir) / ".jupyter", *(Path(entry.pw_dir) / ".jupyter").rglob("*")]:
        os.chown(p, entry.pw_uid, entry.pw_gid)


# -- the browser: the hub's login form and each user's JupyterLab ---------------------------

def submit_login(page, hub, name, password):
    """Fill in the hub's login form and send it; returns without waiting for what follows
    (the user's server then starts while other users log in)."""
    page.goto(hub.url + "hub/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    page.click("#login_submit")


def wait_for_lab(page, name, timeout=240_000):
    """Wait until ``name``'s JupyterLab (through the hub's spawn-pending page) has its menus."""
    page.wait_for_url(re.compile(rf".*/user/{re.escape(name)}/lab.*"), timeout=timeout)
    page.wait_for_selector("#jp-main-dock-panel", timeout=timeout)
    page.locator("#jp-menu-panel .lm-MenuBar-item", has_text=re.compile(r"^Nbgrader$")).wait_for(timeout=timeout)


class Hub:
    def __init__(self, base: Path, instructors, students, exchange: Path, password):
        self.base = Path(base)
        self.state = self.base / "hub-state"
        self.exchange = exchange
        self.password = password
        self.port = free_port()
        self.env = dict(os.environ)
        self.env.update({
            "AUTOGRAD_COURSE_HUB_IP": "127.0.0.1",
            "AUTOGRAD_COURSE_HUB_PORT": str(self.port),
            "AUTOGRAD_COURSE_HUB_API_PORT": str(free_port()),
            "AUTOGRAD_COURSE_HUB_PROXY_API_PORT": str(free_port()),
            "AUTOGRAD_COURSE_HUB_STATE": str(self.state),
            "AUTOGRAD_COURSE_HUB_PROXY": str(PROXY),
            "AUTOGRAD_COURSE_HUB_AUTH": "dummy",
            "AUTOGRAD_COURSE_HUB_PASSWORD": password,
            "AUTOGRAD_COURSE_INSTRUCTORS": ",".join(instructors),
            "AUTOGRAD_COURSE_STUDENTS": ",".join(students),
            "AUTOGRAD_COURSE_EXCHANGE": str(exchange),
            "PATH": f"{ENV_BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        })
        for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_PATH",
                     "JUPYTER_TOKEN", "AUTOGRAD_COURSE_HOME"):
            self.env.pop(name, None)
        self.process = None
        self.log_path = self.base / "hub.log"

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/"

    def start(self, timeout=120):
        return self.launch().wait_ready(timeout)

    def launch(self):
        """Start ``jupyterhub`` and return at once (``wait_ready`` waits for its API)."""
        self.state.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen([str(ENV_BIN / "jupyterhub"), "-f", str(CONFIG)], cwd=self.state,
                                        env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        return self

    def wait_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyterhub exited ({self.process.returncode}):\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "hub/api", timeout=5) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.5)
        raise RuntimeError(f"jupyterhub did not answer within {timeout} s:\n{self.log_tail()}")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait(10)
        if getattr(self, "_log", None):
            self._log.close()

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no hub log)"
