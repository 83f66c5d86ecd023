"""The kernel pool of a run with work to do: one warm notebook kernel per worker, started first thing.

The pool's interface, in the order a run uses it:

1. ``KernelPool.start(project, period, count)``, in the parent, before it imports papermill, nbconvert and
   WeasyPrint: the kernels start now and boot while the parent imports and checks the data. This module
   imports the standard library only; where the family is forked from the run, ``start`` first imports what
   the run and the kernels share (``kernel_family.SHARED``: pandas, Jinja, jupyter_client, the library's
   figures), which the run needs next anyway.
2. ``worker_kernel.workers(pool, count)`` (the pool's worker side, which imports jupyter_client): the worker
   processes (``multiprocessing``), each taking one of those kernels; a kernel that did not come up is
   replaced by one the worker starts.
3. In a worker, ``worker_kernel.this_worker().manager()`` is a ``jupyter_client.KernelManager`` for that
   kernel, which ``execution`` hands to ``papermill.execute_notebook(km=...)``.
4. ``pool.stop()``, in the parent: ends whatever kernels the workers left running.

Two ways to start, chosen by ``START_METHOD`` (a test sets it): where the system has ``fork``, one process
imports ipykernel and the library once and forks a kernel for each worker (``kernel_family``; that process
itself forked from the run, after the imports both need, when the registered kernel runs the run's own
interpreter), and the workers are forked from the parent with the heavy modules imported: all share their
imports instead of paying for them again. Elsewhere (Windows), or when ``START_METHOD`` says ``spawn``, each
kernel is a process of its own, started from the kernel's registered command line, and the workers start as
fresh interpreters. All give the same bytes.

Each kernel starts in the project's folder (the notebooks find the project from their working directory) and
binds its own ports (its connection file says port 0, so kernels started together never race for a port),
then writes them back into the file; it imports the library as it starts (``exec_lines``).
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from bantin.build.project import Project
from bantin.model.periods import Period
from bantin.render import fonts, kernel_family

KERNEL = "bantin"  # registered in .venv by the Makefile; the notebooks name it too
# Its plain-TCP notice and shutdown noise are not for analysts; the library is imported as the kernel starts.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL", "--IPKernelApp.exec_lines=import bantin.bulletin.blocks"]
KERNEL_LOG = "kernels.log"
PORTS = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")
STOPPING = 5  # seconds the kernels a family forked have to end once it is killed
FORK, SPAWN = "fork", "spawn"
# The registered kernel's interpreter options a family forked from the run goes without (``_runs_here``).
FORKED_WITHOUT = ([], ["-Xfrozen_modules=off"], ["-X", "frozen_modules=off"])
# The fast path where the system can fork (Linux, macOS), else the fallback; tests set it to try both.
START_METHOD = FORK if FORK in multiprocessing.get_all_start_methods() else SPAWN


@dataclass(frozen=True)
class Started:
    """A kernel this run started: where it writes its ports (and its process id), and the process to watch
    while it starts (itself, or the process that forks it)."""

    connection_file: str
    pid: int


def environment(period: Period) -> dict[str, str]:
    """What the kernels and the workers of a run need beside the user's environment, and override in it."""
    return {
        # What the run's tools date (the fonts fontTools subsets for the PDFs, the charts' files) is dated by it:
        # the period's last day, never the day of the run, nor a SOURCE_DATE_EPOCH of the machine's.
        "SOURCE_DATE_EPOCH": str(fonts.epoch(period.end)),
        # matplotlib lists the fonts fontconfig knows when it builds its cache: the project's, as WeasyPrint's.
        "FONTCONFIG_FILE": str(fonts.configuration()),
    }


def kernel_log(project: Project) -> Path:
    """``.bantin/kernels.log``: what the kernels print, kept for whoever maintains the tool."""
    project.state_dir.mkdir(parents=True, exist_ok=True)
    return project.state_dir / KERNEL_LOG


class KernelPool:
    """The kernels started for one run, and the workers that take them; ``stop`` ends what is left running."""

    def __init__(
        self,
        project: Project,
        period: Period,
        method: str,
        folder: Path | None,
        processes: list[subprocess.Popen],
        started: list[Started],
    ):
        self.project, self.period, self.method = project, period, method
        self.folder, self.processes, self.started = folder, processes, started

    @classmethod
    def start(cls, project: Project, period: Period, count: int, method: str | None = None) -> KernelPool:
        """``count`` kernels, starting now; none when the kernel is not registered (the workers then say so).

        With ``fork`` and the registered kernel's usual command (``python -m ipykernel_launcher -f FILE``),
        one process imports for all and forks the others (``kernel_family``); otherwise one process each.
        """
        method = method or START_METHOD
        command = _kernel_command()
        if command is None or count < 1:
            return cls(project, period, method, None, [], [])
        folder = Path(tempfile.mkdtemp(prefix="bantin-kernels-"))  # private (0700): the files hold the kernels' keys
        files = [folder / f"kernel-{number}.json" for number in range(count)]
        for path in files:
            path.write_text(json.dumps(_connection(), indent=1), encoding="utf-8")
        family = _family_command(command, files) if method == FORK else None
        commands = [family] if family else [_substituted(command, path) + KERNEL_ARGUMENTS for path in files]
        extra = environment(period)
        if os.name == "posix":  # ipykernel ends with the process named here (on Windows it wants a handle)
            extra["JPY_PARENT_PID"] = str(os.getpid())
        processes: list[subprocess.Popen | Forked] = []
        if family and _runs_here(command):  # forked from this run, after the imports they share
            names = [str(path) for path in files]
            forked = kernel_family.fork(names, KERNEL_ARGUMENTS, extra, project.root, kernel_log(project))
            processes = [Forked(forked)] if forked else []
        if not processes:
            env = dict(os.environ, **extra)
            with open(kernel_log(project), "ab") as log:
                processes = [
                    subprocess.Popen(
                        argv,
                        stdin=subprocess.DEVNULL,
                        stdout=log,
                        stderr=log,
                        env=env,
                        cwd=project.root,
                        **_own_group(),
                    )
                    for argv in commands
                ]
        pids = [processes[0].pid] * count if family else [process.pid for process in processes]
        started = [Started(str(path), pid) for path, pid in zip(files, pids, strict=True)]
        return cls(project, period, method, folder, processes, started)

    def stop(self) -> None:
        """End every kernel still running (a worker normally stops its own), reap them, remove their files."""
        forked = [
            info["pid"]
            for info in map(ports_written, [started.connection_file for started in self.started])
            if info and "pid" in info
        ]
        for process in self.processes:
            with contextlib.suppress(ProcessLookupError):
                if os.name == "posix":
                    os.killpg(process.pid, signal.SIGKILL)  # its process group: the kernels it forked too
                else:
                    process.kill()
        for process in self.processes:
            process.wait()
        deadline = time.monotonic() + STOPPING
        while any(map(running, forked)) and time.monotonic() < deadline:  # not ours to reap: gone in a moment
            time.sleep(0.01)
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


@dataclass(frozen=True)
class Forked:
    """The kernel family as forked from the run (``kernel_family.fork``): ended and reaped as a started process."""

    pid: int  # its own process group too (``stop`` kills the group: on POSIX, where alone it is forked)

    def wait(self) -> None:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def running(pid: int) -> bool:
    """The process runs (a process that ended and waits for its parent to reap it, a zombie, does not)."""
    import psutil  # when a run has work to do, not before the kernels start

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def ports_written(connection_file: str) -> dict | None:
    """The kernel's connection details once it has bound its ports and written them back, else None."""
    try:
        info = json.loads(Path(connection_file).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # being rewritten by the kernel
        return None
    return info if all(info.get(port) for port in PORTS) else None


def _own_group() -> dict:
    """Start a kernel in its own session (process group), as jupyter_client does: Ctrl+C in the terminal is
    the run's to handle, and stopping the run ends a family with the kernels it forked."""
    if os.name == "posix":
        return {"start_new_session": True}
    return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}


def _connection() -> dict:
    return {
        "transport": "tcp",
        "ip": "127.0.0.1",
        **dict.fromkeys(PORTS, 0),  # the kernel binds free ports and writes them here
        "key": str(uuid.uuid4()),
        "signature_scheme": "hmac-sha256",
        "kernel_name": KERNEL,
    }


def _kernel_command() -> list[str] | None:
    """The kernel's command line from its kernel.json, looked up as Jupyter does (this environment's first)."""
    for folder in _kernel_folders():
        spec = folder / KERNEL / "kernel.json"
        if spec.is_file():
            return json.loads(spec.read_text(encoding="utf-8"))["argv"]
    return None


def _family_command(command: list[str], files: list[Path]) -> list[str] | None:
    """``kernel_family``'s command line for ``files``, with the interpreter and options of the registered
    ``python … -m ipykernel_launcher -f {connection_file}``; None for a kernel started any other way."""
    if command[-4:] != ["-m", "ipykernel_launcher", "-f", "{connection_file}"]:
        return None
    return [*command[:-4], "-m", "bantin.render.kernel_family", *map(str, files), "--", *KERNEL_ARGUMENTS]


def _runs_here(command: list[str]) -> bool:
    """The registered kernel runs this very interpreter, as this run does: the family can be forked from the run.
    Of interpreter options, only ``-Xfrozen_modules=off`` (which ``ipykernel install`` adds, so that a debugger
    can step into the standard library) may be left out: a run's kernels are never debugged."""
    interpreter, options = command[0], command[1:-4]
    same = Path(shutil.which(interpreter) or interpreter).absolute() == Path(sys.executable).absolute()
    return same and options in FORKED_WITHOUT


def _substituted(command: list[str], path: Path) -> list[str]:
    return [part.replace("{connection_file}", str(path)) for part in command]


def _kernel_folders() -> list[Path]:
    from jupyter_core.paths import jupyter_path  # light; not needed by a run with nothing to do

    return [Path(folder) for folder in jupyter_path("kernels")] or [Path(sys.prefix, "share", "jupyter", "kernels")]
