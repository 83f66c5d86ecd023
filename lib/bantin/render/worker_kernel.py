"""The kernel pool's worker side: a worker's kernel, taken from the run's pool (``kernel_pool``) or started by
the worker, and handed to papermill as papermill expects it, a ``KernelManager`` (``km=``).

jupyter_client's public API only (a test checks that no private name of it is used):

- ``KernelManager``, which papermill (through nbclient) asks for a client for every notebook; ours hands it
  the worker's one client, whose channels are started once: ``client()`` and the ``client_class`` trait.
- ``BlockingKernelClient``, whose ``wait_for_ready`` nbclient calls for every notebook: ours waits with
  jupyter_client's own the first time, and returns at once after, having seen that kernel answer.
- ``KernelProvisionerBase``, jupyter_client's extension point for how a kernel's process is watched, signalled
  and ended (``poll``, ``wait``, ``send_signal``, ``kill``, ``terminate``, ``cleanup``): a kernel the run
  started is a process the worker did not start and cannot wait for (``StartedByTheRun``); a kernel the worker
  starts itself has jupyter_client's usual provisioner.

``workers`` starts the worker processes for a run's ``KernelPool``; each holds one ``WorkerKernel``, set by
the pool's initializer (``sit``): ``this_worker()``.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import multiprocessing.pool
import multiprocessing.util
import os
import signal
import time
from pathlib import Path

import psutil
from jupyter_client import BlockingKernelClient, KernelManager
from jupyter_client.provisioning import KernelProvisionerBase
from traitlets import DottedObjectName

from bantin import messages
from bantin.build.project import Project
from bantin.model.errors import BantinError
from bantin.render import frozen_imports
from bantin.render.kernel_pool import (
    KERNEL,
    KERNEL_ARGUMENTS,
    KERNEL_LOG,
    KernelPool,
    Started,
    environment,
    kernel_log,
    ports_written,
    running,
)

STARTS = 3  # parallel kernel starts can race for ports: a failed start is tried again
READY = 60  # seconds a kernel has to come up


class WorkerClient(BlockingKernelClient):
    """The worker's one client to its kernel: its channels started once, its kernel waited for once.

    jupyter_client's ``wait_for_ready`` sends ``kernel_info`` until the kernel answers on the shell channel
    and IOPub hears it, then waits for 0.2 s of silence on IOPub: once per worker. Once this client has seen
    that, its kernel stays ready for it: a kernel that died since is told by the manager (``is_alive``), and
    what IOPub still holds answers earlier requests, which nbclient ignores.
    """

    seen_ready = False

    def start_channels(self, *args, **kwargs) -> None:
        if not self.channels_running:
            super().start_channels(*args, **kwargs)

    def wait_for_ready(self, timeout: float | None = None) -> None:
        if not self.seen_ready:
            super().wait_for_ready(timeout=timeout)
            self.seen_ready = True
        elif not self.is_alive():
            raise RuntimeError(messages.KERNEL_STOPPED)


class WorkerKernelManager(KernelManager):
    """The manager of a worker's kernel, which hands every caller (papermill, once per notebook) one client."""

    client_class = DottedObjectName(f"{__name__}.WorkerClient")
    shared_client: WorkerClient | None = None

    def client(self, **kwargs) -> WorkerClient:
        if self.shared_client is None:
            self.shared_client = super().client(**kwargs)
            self.shared_client.start_channels()
        return self.shared_client

    def close_client(self) -> None:
        if self.shared_client is not None:
            client, self.shared_client = self.shared_client, None
            client.stop_channels()


class StartedByTheRun(KernelProvisionerBase):
    """jupyter_client's hold on a kernel the run's parent process started, from a worker.

    The worker cannot wait for a process that is not its child: it asks whether the process still runs, and
    counts a finished kernel that its parent has not reaped yet (a zombie) as finished.
    """

    def __init__(self, pid: int, **kwargs):
        super().__init__(**kwargs)
        self.pid = pid

    @property
    def has_process(self) -> bool:
        return self.pid is not None

    async def poll(self) -> int | None:
        return None if running(self.pid) else 0

    async def wait(self) -> int | None:
        while running(self.pid):
            await asyncio.sleep(0.05)
        return 0

    async def send_signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signum)

    async def kill(self, restart: bool = False) -> None:
        with contextlib.suppress(psutil.NoSuchProcess):
            psutil.Process(self.pid).kill()

    async def terminate(self, restart: bool = False) -> None:
        with contextlib.suppress(psutil.NoSuchProcess):
            psutil.Process(self.pid).terminate()

    async def launch_kernel(self, cmd: list[str], **kwargs):
        raise RuntimeError("a kernel the run started is not launched again: the worker starts its own")

    async def cleanup(self, restart: bool = False) -> None:
        pass  # its connection file is the run's, removed when the run ends


class WorkerKernel:
    """A worker's kernel: the manager papermill runs every notebook of the worker on, or why there is none."""

    def __init__(self, project: Project):
        self.project = project
        self.current: WorkerKernelManager | None = None
        self.failure: BantinError | None = None  # set when no kernel could start: every bulletin says it

    def manager(self) -> WorkerKernelManager:
        """The kernel, started now if the last one broke; the error again if none could start."""
        if self.failure is not None:
            raise self.failure
        return self.current or self.start()

    def take_over(self, started: Started) -> WorkerKernelManager | None:
        """One of the run's kernels, once it has written its ports and answers; None if it did not come up."""
        deadline = time.monotonic() + READY
        while (info := ports_written(started.connection_file)) is None:
            if not running(started.pid) or time.monotonic() > deadline:
                return None
            time.sleep(0.02)
        manager = WorkerKernelManager(kernel_name=KERNEL)
        manager.load_connection_info(info)
        pid = info.get("pid", started.pid)  # written by kernel_family: the kernel itself, not its parent
        manager.provisioner = StartedByTheRun(pid, kernel_spec=manager.kernel_spec)
        try:
            _wait_until_ready(manager)
        except Exception:
            _shut_down(manager)
            return None
        self.current = manager
        return manager

    def start(self) -> WorkerKernelManager:
        """A kernel of this worker's own, in the project's folder as the run's are."""
        for attempt in range(1, STARTS + 1):
            manager = WorkerKernelManager(kernel_name=KERNEL)
            try:
                with open(kernel_log(self.project), "ab") as log:
                    manager.start_kernel(
                        extra_arguments=KERNEL_ARGUMENTS, stdout=log, stderr=log, cwd=str(self.project.root)
                    )
                _wait_until_ready(manager)
            except Exception:
                _shut_down(manager)
                if attempt == STARTS:
                    raise
                time.sleep(0.2 * attempt)
                continue
            self.current = manager
            return manager
        raise AssertionError("unreachable")

    def fail(self, error: Exception) -> None:
        """No kernel could start in this worker: every bulletin it is given fails at once, saying why."""
        self.failure = BantinError(messages.KERNEL_NOT_STARTED.format(kernel=KERNEL, error=error, log=KERNEL_LOG))

    def stop(self) -> None:
        """Stop the kernel, if there is one (a kernel that is already gone needs no stopping)."""
        if self.current is not None:
            manager, self.current = self.current, None
            _shut_down(manager)

    def leave(self) -> None:
        """At the worker's end: a kernel of the run's is killed and left for the run to reap (``KernelPool.stop``,
        which waits for the kernels it started): jupyter_client would wait for it here, polling every tenth of a
        second, at the end of every run. A kernel the worker started itself is shut down as usual."""
        if self.current is None:
            return
        manager, self.current = self.current, None
        if not isinstance(manager.provisioner, StartedByTheRun):
            _shut_down(manager)
            return
        with contextlib.suppress(Exception):
            manager.close_client()
        with contextlib.suppress(ProcessLookupError):
            os.kill(manager.provisioner.pid, signal.SIGKILL)


# This worker process's kernel, set once by the pool's initializer (``sit``); None in any other process.
_this_worker: WorkerKernel | None = None


def this_worker() -> WorkerKernel:
    if _this_worker is None:
        raise RuntimeError("not a worker of the kernel pool: its initializer (worker_kernel.sit) did not run")
    return _this_worker


def workers(kernels: KernelPool, count: int) -> multiprocessing.pool.Pool:
    """``count`` worker processes, each with one of ``kernels`` as its own (``sit``): forked with the parent's
    imports where the pool forks, fresh interpreters where it spawns."""
    context = multiprocessing.get_context(kernels.method)
    arguments = (str(kernels.project.root), environment(kernels.period), kernels.started, context.Value("i", 0))
    # What the parent holds by now, out of every collection (frozen_imports): else each worker's collections go through
    # all of it again, and write into it, which copies every page it lies on (0,7 s of a 2024H1 run on one processor).
    frozen_imports.freeze()
    return context.Pool(count, initializer=sit, initargs=arguments)


def sit(root: str, environment: dict[str, str], started: list[Started], taken) -> None:
    """The pool's initializer, in each worker: the run's environment, and a kernel with the library imported.

    ``started`` are the kernels the run started for its workers, ``taken`` (a shared counter) how many of them
    workers have taken: this worker takes the next one over. If none is left (a worker started again) or it
    did not come up, the worker starts its own.
    """
    global _this_worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle: it stops the pool
    os.environ.update(environment)
    with taken.get_lock():
        number, taken.value = taken.value, taken.value + 1
    _this_worker = kernel = WorkerKernel(Project(Path(root)))
    multiprocessing.util.Finalize(None, kernel.leave, exitpriority=10)
    try:
        if number >= len(started) or kernel.take_over(started[number]) is None:
            kernel.start()
    except Exception as error:  # said by each bulletin it stops: a pool whose initializer fails starts it forever
        kernel.fail(error)


def run(manager: WorkerKernelManager, code: str) -> None:
    """Run ``code`` quietly on the kernel; a ``RuntimeError`` if it fails."""
    reply = manager.client().execute_interactive(
        code, store_history=False, timeout=120, output_hook=lambda message: None
    )
    if reply["content"]["status"] != "ok":
        raise RuntimeError(messages.KERNEL_CODE_FAILED.format(code=code, error=reply["content"].get("evalue", "")))


def _wait_until_ready(manager: WorkerKernelManager) -> None:
    """The kernel answers, and the library it imported as it started (``exec_lines``) is there."""
    manager.client().wait_for_ready(timeout=READY)
    run(manager, "import bantin.bulletin.blocks")


def _shut_down(manager: WorkerKernelManager) -> None:
    with contextlib.suppress(Exception):
        manager.close_client()
    with contextlib.suppress(Exception):
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)
