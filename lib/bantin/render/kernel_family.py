"""Several notebook kernels from one start: ``python -m bantin.render.kernel_family FILE… -- ARGUMENT…``.

A kernel spends about a second of processor time importing ipykernel and the library before it can answer. A
run needs one kernel per worker: this process imports them once, then forks a kernel for each connection file
but the first, and becomes the first kernel itself, so that the kernels share the imports (and their memory)
instead of each paying for them, on a machine where the run's other processes want the processor too.

Nothing here starts a thread or opens a socket before the forks. Each kernel writes its process id into its
connection file (ipykernel keeps it there when it adds its ports), for the worker that takes it over; the first
kernel reaps those it forked as they end.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    files, arguments = _split(argv)
    from ipykernel.kernelapp import IPKernelApp  # the imports every kernel needs, done once for all

    import bantin.bulletin.blocks  # noqa: F401

    children = []
    for path in files[1:]:
        pid = os.fork()
        if pid == 0:
            _launch(IPKernelApp, path, arguments)
        children.append(pid)
    signal.signal(signal.SIGCHLD, lambda *_: _reap(children))
    _launch(IPKernelApp, files[0], arguments)


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


def _reap(children: list[int]) -> None:
    """Collect the kernels this one forked that have ended (and only those: a notebook's own processes are its)."""
    for pid in list(children):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            children.remove(pid)


def _split(argv: list[str]) -> tuple[list[str], list[str]]:
    if "--" not in argv or argv.index("--") == 0:
        raise SystemExit("usage: python -m bantin.render.kernel_family FILE... -- ARGUMENT...")
    cut = argv.index("--")
    return argv[:cut], argv[cut + 1 :]


if __name__ == "__main__":
    main(sys.argv[1:])
