"""Several notebook kernels from one start: ``python -m bantin.render.kernel_family FILE… -- ARGUMENT…``.

The kernel pool's fast path where the system has ``fork`` (``kernel_pool``). A kernel spends about a second
of processor time importing ipykernel and the library before it can answer. A run needs one kernel per
worker: this process imports them once, then forks a kernel for each connection file but the first, and
becomes the first kernel itself, so that the kernels share the imports (and their memory) instead of each
paying for them, on a machine where the run's other processes want the processor too.

Nothing here starts a thread or opens a socket before the forks. Each kernel writes its process id into its
connection file (ipykernel keeps it there when it adds its ports), for the worker that takes it over.

No kernel reaps the kernels it forked: one that ends waits as a zombie until the first kernel ends, and the
system reaps it then. Nobody waits for it meanwhile: its worker and the run ask whether it still runs, and a
zombie does not (``kernel_pool.running``); there are a few at most, and only until the run ends. A SIGCHLD
handler in the first kernel would only tidy that up, while running in the middle of the notebook's code.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


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
