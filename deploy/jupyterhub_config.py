# JupyterHub for the autograd course on one machine: local Unix users, LocalProcessSpawner,
# nbgrader's file-system exchange.  tests/test_hub.py starts a hub from this very file.
#
#   jupyterhub -f deploy/jupyterhub_config.py          (as root, from the course's environment)
#
# Everything site-specific comes from the environment (defaults in brackets):
#   AUTOGRAD_COURSE_HUB_IP / _PORT       where the hub listens             [127.0.0.1 / 8000]
#   AUTOGRAD_COURSE_HUB_STATE            hub database, cookie secret       [/srv/jupyterhub]
#   AUTOGRAD_COURSE_HUB_PROXY            configurable-http-proxy binary    [<repo>/.venv/hub-proxy/... or PATH]
#   AUTOGRAD_COURSE_INSTRUCTORS          Unix users who teach (comma list) [instructor]
#   AUTOGRAD_COURSE_STUDENTS             Unix users who learn (comma list) [empty: any other PAM user]
#   AUTOGRAD_COURSE_EXCHANGE             nbgrader's exchange root          [/srv/nbgrader/exchange]
#   AUTOGRAD_COURSE_HUB_AUTH             "pam" (real passwords) or "dummy" [pam]
#   AUTOGRAD_COURSE_HUB_PASSWORD         the one password of "dummy" (tests only)
import os
import pwd
import shutil
import sys

c = get_config()  # noqa: F821 - provided by traitlets

ENV_BIN = os.path.dirname(sys.executable)          # the course's environment (the repo's .venv)
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COURSE_ID = "autograd-course"


def _users(name, default=""):
    return {u.strip() for u in os.environ.get(name, default).split(",") if u.strip()}


INSTRUCTORS = _users("AUTOGRAD_COURSE_INSTRUCTORS", "instructor")
STUDENTS = _users("AUTOGRAD_COURSE_STUDENTS")
EXCHANGE = os.environ.get("AUTOGRAD_COURSE_EXCHANGE", "/srv/nbgrader/exchange")
STATE = os.environ.get("AUTOGRAD_COURSE_HUB_STATE", "/srv/jupyterhub")

c.JupyterHub.ip = os.environ.get("AUTOGRAD_COURSE_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("AUTOGRAD_COURSE_HUB_PORT", "8000"))
c.JupyterHub.hub_port = int(os.environ.get("AUTOGRAD_COURSE_HUB_API_PORT", "8081"))
c.JupyterHub.db_url = "sqlite:///" + os.path.join(STATE, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(STATE, "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = os.path.join(STATE, "jupyterhub-proxy.pid")
_local_proxy = os.path.join(REPO, ".venv", "hub-proxy", "node_modules", ".bin", "configurable-http-proxy")
c.ConfigurableHTTPProxy.command = [os.environ.get("AUTOGRAD_COURSE_HUB_PROXY")
                                   or (_local_proxy if os.path.exists(_local_proxy) else "configurable-http-proxy")]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%d" % int(os.environ.get("AUTOGRAD_COURSE_HUB_PROXY_API_PORT",
                                                                              "8001"))

# Authentication: PAM (the machine's passwords) in a class; "dummy" only for the test hub.
if os.environ.get("AUTOGRAD_COURSE_HUB_AUTH", "pam") == "dummy":
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = os.environ["AUTOGRAD_COURSE_HUB_PASSWORD"]
else:
    c.JupyterHub.authenticator_class = "pam"
if STUDENTS:
    c.Authenticator.allowed_users = INSTRUCTORS | STUDENTS
else:
    c.Authenticator.allow_all = True
c.Authenticator.admin_users = set()    # instructors need no hub admin rights to grade

# One single-user server per Unix user, running as that user, from the course's environment.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [os.path.join(ENV_BIN, "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
# nbgrader runs `alembic` and kernels run `python` from PATH: the environment's bin/ first.
c.Spawner.environment = {"PATH": ENV_BIN + ":/usr/local/bin:/usr/bin:/bin", "PYTHONUNBUFFERED": "1"}

# What each role sees in JupyterLab.  Students: the Assignments tab (assignment_list) and
# Validate; not the formgrader, Create Assignment or the course list.  Instructors: all of it.
STUDENT_DISABLED_LAB = ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                        "@jupyter/nbgrader:course-list"]
STUDENT_DISABLED_SERVER = ["nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list"]


def _write(path, text, uid, gid, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chown(path, uid, gid)
    os.chmod(path, mode)


def user_setup(spawner):
    """Before a server starts: the user's nbgrader config and the role's extensions."""
    import json

    name = spawner.user.name
    entry = pwd.getpwnam(name)
    home, uid, gid = entry.pw_dir, entry.pw_uid, entry.pw_gid
    # Other users must not read what is in a home (fetched work, feedback).
    os.chmod(home, 0o700)
    jupyter = os.path.join(home, ".jupyter")
    os.makedirs(jupyter, exist_ok=True)
    os.chown(jupyter, uid, gid)
    config = ["c = get_config()  # noqa: F821 - written by the hub (deploy/jupyterhub_config.py)",
              f"c.Exchange.root = {EXCHANGE!r}",
              f"c.CourseDirectory.course_id = {COURSE_ID!r}"]
    if name in INSTRUCTORS:
        # The grader's course home (python -m grader info); the formgrader works there.
        course_home = os.path.join(home, ".local", "share", COURSE_ID)
        config += [f"c.CourseDirectory.root = {course_home!r}",
                   "import os",
                   f"if os.path.exists({os.path.join(course_home, 'nbgrader_config.py')!r}):",
                   f"    load_subconfig({os.path.join(course_home, 'nbgrader_config.py')!r})  # noqa: F821",
                   f"c.Exchange.root = {EXCHANGE!r}"]
        disabled_lab, disabled_server = [], []
        # No Content-Security-Policy of our own: the instructor's server keeps JupyterHub's
        # "frame-ancestors 'none'" (JupyterHub >= 4.1), like the students'.  That leaves
        # JupyterLab's Formgrader panel (an iframe) blank, nbgrader #1870; relaxing it to
        # 'self' is what nbgrader shipped (PR #1915) and took back (PR #1947): without
        # subdomains every user's server shares the hub's origin, so a page a student serves
        # from their own server could frame the instructor's pages and act as the instructor.
        # Instead, open the Formgrader as a page of its own, /user/<instructor>/formgrader,
        # in a browser tab (what tests/test_hub.py does).  For the in-Lab panel, first give
        # every server its own origin, c.JupyterHub.subdomain_host = "https://hub.example.org"
        # (wildcard DNS and TLS; JupyterHub 5 has no enable_subdomains switch of its own), and
        # only then the instructor's 'self' (docs/deploy.md).
    else:
        config.append("c.Exchange.path_includes_course = False")
        disabled_lab, disabled_server = STUDENT_DISABLED_LAB, STUDENT_DISABLED_SERVER
    _write(os.path.join(jupyter, "nbgrader_config.py"), "\n".join(config) + "\n", uid, gid)
    _write(os.path.join(jupyter, "labconfig", "page_config.json"),
           json.dumps({"disabledExtensions": {e: True for e in disabled_lab}}), uid, gid)
    os.chown(os.path.join(jupyter, "labconfig"), uid, gid)
    _write(os.path.join(jupyter, "jupyter_server_config.json"),
           json.dumps({"ServerApp": {"jpserver_extensions": {e: False for e in disabled_server}}}), uid, gid)


c.Spawner.pre_spawn_hook = user_setup

if shutil.which("bwrap") is None:
    print("warning: bubblewrap (bwrap) is missing: `python -m grader autograde` will refuse to grade",
          file=sys.stderr)
