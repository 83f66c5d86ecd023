"""The project's environment, ``.venv``, set up from its locks with nothing of the interpreter's but ``venv``.

The installer that ``python -m venv`` bundles (pip, at whatever version the interpreter shipped with) is used
for one thing only: installing the installer pinned in ``installer.lock``, one wheel, checked against its hash.
That pinned pip then installs ``requirements.lock`` in hash-checking mode and without resolving anything
(``--no-deps``: the lock already lists every package, so no release upstream can enter), then the project
itself (editable). Neither the bundled pip's version nor a release made after the lock can change what is
installed, or break the set-up. That the lock is whole and fits ``pyproject.toml`` is the tests' to check
(``pip check``), not the set-up's: ``make lock`` must still run in an environment made from an older lock.

What pip prints goes to ``.bantin/setup.log``; the terminal gets one Vietnamese line, and on failure one line
that says what went wrong and where the log is. Run by make, with the system's Python and ``-S``: this module
must import the standard library only, and parse on an old Python so that it can say the Python is too old.
"""

import re
import subprocess
import sys
from pathlib import Path

from bantin import messages

REQUIRED_PYTHON = (3, 11)
VENV = ".venv"
LOG = Path(".bantin") / "setup.log"
INSTALLER_LOCK = "installer.lock"
LOCK = "requirements.lock"
PIP = ("-m", "pip", "--disable-pip-version-check", "--no-input")

# pip's words for a failure to reach the package index, through whatever proxy is set.
_NETWORK = re.compile(
    r"NewConnectionError|ConnectTimeout|ReadTimeout|ProxyError|Temporary failure in name resolution"
    r"|Name or service not known|Network is unreachable|Connection refused|SSLError|No matching distribution"
)
_HASH = re.compile(r"THESE PACKAGES DO NOT MATCH THE HASHES")


class SetupFailed(Exception):
    """A step failed; the message is the analyst's one line."""


def python_problem(version, executable):
    """The message for a Python other than 3.11, or None."""
    if tuple(version[:2]) == REQUIRED_PYTHON:
        return None
    found = "{} ({})".format(".".join(str(part) for part in version[:3]), executable)
    return messages.SETUP["python"].format(found=found)


def steps(python):
    """The commands that set ``.venv`` up, each with the message its failure gets when no better one is found."""
    venv_python = str(Path(VENV) / "bin" / "python")
    return [
        ([python, "-m", "venv", "--clear", VENV], "venv"),
        # The bundled pip installs the pinned one: a single wheel, hash-checked, nothing else.
        (
            [
                venv_python,
                *PIP,
                "install",
                "--require-hashes",
                "--no-deps",
                "--only-binary=:all:",
                "-r",
                INSTALLER_LOCK,
            ],
            "other",
        ),  # fmt: skip
        ([venv_python, *PIP, "install", "--require-hashes", "--no-deps", "-r", LOCK], "other"),
        ([venv_python, *PIP, "install", "--no-deps", "--no-build-isolation", "--no-index", "-e", "."], "other"),
    ]


def diagnosis(output, fallback):
    """The message key for a failed step, from what pip printed."""
    if _HASH.search(output):
        return "hash"
    if _NETWORK.search(output):
        return "network"
    return fallback


def set_up(python, log_path=LOG):
    """Set ``.venv`` up in the current folder, writing every step's output to ``log_path``."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w", encoding="utf-8") as log:
        for command, fallback in steps(python):
            log.write("$ {}\n".format(" ".join(command)))
            log.flush()
            result = subprocess.run(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
                errors="replace",
            )  # fmt: skip
            log.write(result.stdout)
            if result.returncode != 0:
                log.write(f"[exit {result.returncode}]\n")
                key = diagnosis(result.stdout, fallback)
                raise SetupFailed(messages.SETUP[key].format(log=log_path, found=python))


def main(argv=None):
    arguments = sys.argv[1:] if argv is None else argv
    problem = python_problem(sys.version_info, sys.executable)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if arguments == ["--check-python"]:
        return 0
    print(messages.SETUP["start"].format(lock=LOCK))
    try:
        set_up(sys.executable)
    except SetupFailed as failure:
        print(failure, file=sys.stderr)
        return 1
    print(messages.SETUP["done"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
