"""Several notebook kernels from one start: forked from the run itself (``fork``), or as a process of its own,
``python -m bantin.render.kernel_family FILE… -- ARGUMENT…``.

The kernel pool's fast path where the system has ``fork`` (``kernel_pool``). A kernel spends about a second
of processor time importing ipykernel and the library before it can answer. A run needs one kernel per
worker: the family imports them once, then forks a kernel for each connection file but the first, and
becomes the first kernel itself, so that the kernels share the imports (and their memory) instead of each
paying for them, on a machine where the run's other processes want the processor too.

**Forked from the run** (``fork``): about half of what a kernel imports the run imports too (pandas, Jinja,
Babel, jupyter_client, the library's figures and wording: ``SHARED``). The run imports it first, then forks the
family, which imports only what is a kernel's alone (ipykernel, IPython, matplotlib, the blocks): 0,45 s of
processor less than a family started as a fresh interpreter, which imports it all again. The family then
stands as a process of its own started from the kernel's registered command would: in its own session, in the
project's folder, reading nothing and writing into the kernels' log, with the run's environment, and none of
the run's open files (its lock among them: a kernel outliving a killed run must not hold it). It is forked
only from a run that has not imported what a kernel must import fresh (``OWN``): what the kernels draw and
display is theirs, never a state the run left. Otherwise, and where the registered kernel runs another
interpreter, the family is started as its own process (``main``), as before.

Nothing here starts a thread or opens a socket before the forks. Each kernel writes its process id into its
connection file (ipykernel keeps it there when it adds its ports), for the worker that takes it over.

No kernel reaps the kernels it forked: one that ends waits as a zombie until the first kernel ends, and the
system reaps it then. Nobody waits for it meanwhile: its worker and the run ask whether it still runs, and a
zombie does not (``kernel_pool.running``); there are a few at most, and only until the run ends. A SIGCHLD
handler in the first kernel would only tidy that up, while running in the middle of the notebook's code.
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import sys
import traceback
from pathlib import Path

# What the run and its kernels both import: loaded once, by the run, before it forks the family.
SHARED = ("jupyter_client", "bantin.bulletin.narrative", "bantin.bulletin.metrics", "bantin.intake.consolidated")
# What a kernel imports fresh: a run that holds one of these starts the family as a process of its own.
OWN = ("ipykernel", "IPython", "matplotlib")


def fork(files: list[str], arguments: list[str], environment: dict[str, str], folder: Path, log: Path) -> int | None:
    """The family forked from this process, after the imports it shares with it (``SHARED``): its process id.
    None, and nothing forked, when this process has imported what a kernel must import fresh (``OWN``)."""
    if any(name in sys.modules for name in OWN):
        return None
    from bantin.render.frozen_imports import imports_frozen

    with imports_frozen():  # the family's copy is never gone through, nor written into, by either side
        for name in SHARED:
            importlib.import_module(name)
    sys.stdout.flush()  # written once, by the run: the family's are the log's
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    try:
        _stand_alone(environment, folder, log)
        main([*files, "--", *arguments])
    except BaseException:  # noqa: BLE001  (into the kernels' log, never back into the run's code)
        traceback.print_exc()
    finally:
        os._exit(1)


def main(argv: list[str]) -> None:
    files, arguments = _split(argv)
    from bantin.render.frozen_imports import imports_frozen

    with imports_frozen():  # shared by the kernels, never gone through nor copied again
        from ipykernel.kernelapp import IPKernelApp  # the imports every kernel needs, done once for all

        import bantin.bulletin.blocks  # noqa: F401
    for path in files[1:]:
        if os.fork() == 0:
            _launch(IPKernelApp, path, arguments)
    _launch(IPKernelApp, files[0], arguments)


def _stand_alone(environment: dict[str, str], folder: Path, log: Path) -> None:
    """The forked family as ``subprocess.Popen(…, stdin=DEVNULL, stdout=log, stderr=log, env=…, cwd=folder,
    start_new_session=True, close_fds=True)`` would start it: the run's files closed, its signals its own."""
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))  # the run's lock, above all
    os.setsid()
    os.chdir(folder)
    nothing = os.open(os.devnull, os.O_RDONLY)
    written = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(nothing, 0)
    os.dup2(written, 1)
    os.dup2(written, 2)
    os.close(nothing)
    os.close(written)
    os.environ.update(environment)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.path and not sys.flags.safe_path:  # the run's own folder (its script's), where ``python -m`` puts the
        sys.path[0] = str(folder)  # working folder, which ``_launch`` takes out as ipykernel_launcher does


def _launch(application, connection_file: str, arguments: list[str]) -> None:
    """Become the kernel of ``connection_file``, as ``python -m ipykernel_launcher -f FILE`` would; never return."""
    path = Path(connection_file)
    info = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(info | {"pid": os.getpid()}, indent=1), encoding="utf-8")
    if sys.path and sys.path[0] in ("", os.getcwd()):  # as ipykernel_launcher: the notebook's folder, not ours
        del sys.path[0]
    try:
        application.launch_instance(argv=["-f", connection_file, *arguments])
    finally:
        os._exit(0)  # a forked kernel never returns into the loop that forked it


def _split(argv: list[str]) -> tuple[list[str], list[str]]:
    if "--" not in argv or argv.index("--") == 0:
        raise SystemExit("usage: python -m bantin.render.kernel_family FILE... -- ARGUMENT...")
    cut = argv.index("--")
    return argv[:cut], argv[cut + 1 :]


if __name__ == "__main__":
    main(sys.argv[1:])
