"""A worker's kernel: taken over from the run (``kernels``) or started by the worker, and one client to it.

Every notebook a worker runs goes to the same kernel through the same client. A new client waits up to 0.2 s
to see the kernel's IOPub connected (jupyter_client's ``wait_for_ready``), and papermill asks for one per
notebook: ``WorkerKernelManager.client`` hands it the worker's client, connected once.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from queue import Empty

from jupyter_client import BlockingKernelClient, KernelManager
from jupyter_client.provisioning import KernelProvisionerBase
from traitlets import DottedObjectName

from bantin.build.project import Project
from bantin.model.errors import BantinError
from bantin.render.kernels import KERNEL, KERNEL_ARGUMENTS, KERNEL_LOG, Started, kernel_log, ports_written, running

STARTS = 3  # parallel kernel starts can race for ports: a failed start is tried again
READY = 60  # seconds a kernel has to come up
_kernel: WorkerKernelManager | None = None  # this worker's
_failed: Exception | None = None  # why this worker has no kernel, when none could start
_project: Project | None = None  # whose notebooks this worker runs: its kernels start in the project's root


class WorkerClient(BlockingKernelClient):
    """The worker's one client: started once and seen ready once, whoever asks again.

    Waiting for a kernel ends with 0.2 s of silence on IOPub (to flush it); nbclient waits once per notebook.
    A client that has seen its kernel ready stays connected to it, and the messages it might flush belong to
    earlier requests, which nbclient ignores: a dead kernel is noticed by the manager's ``is_alive``.
    """

    _seen_ready = False

    def start_channels(self, *args, **kwargs) -> None:
        if not self.channels_running:
            super().start_channels(*args, **kwargs)

    def wait_for_ready(self, timeout: float | None = None) -> None:
        """The kernel answers on the shell channel and IOPub hears it, as jupyter_client waits for it, less
        the final 0.2 s of IOPub silence: what is left there answers earlier requests, which nobody reads."""
        deadline = time.monotonic() + (timeout or READY)
        while not self._seen_ready:
            self.kernel_info()
            with contextlib.suppress(Empty):
                reply = self.get_shell_msg(timeout=1)
                if reply["msg_type"] == "kernel_info_reply":
                    self.get_iopub_msg(timeout=0.05)  # IOPub is connected once it hears the kernel's status
                    self._handle_kernel_info_reply(reply)
                    self._seen_ready = True
                    return
            if not self.is_alive():
                raise RuntimeError("kernel đã dừng trước khi trả lời")
            if time.monotonic() > deadline:
                raise RuntimeError(f"kernel không trả lời sau {timeout or READY} giây")


class WorkerKernelManager(KernelManager):
    """The manager of a worker's kernel, which hands every caller the same client."""

    client_class = DottedObjectName(f"{__name__}.WorkerClient")
    _client: WorkerClient | None = None

    def client(self, **kwargs) -> WorkerClient:
        if self._client is None:
            self._client = super().client(**kwargs)
            self._client.start_channels()
        return self._client

    def close_client(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            client.stop_channels()


class StartedByTheRun(KernelProvisionerBase):
    """jupyter_client's hold on a kernel the run's parent process started, from a worker.

    The worker cannot wait for a process that is not its child: it asks whether the process still runs, and
    counts a finished kernel that the parent has not reaped yet (a zombie) as finished.
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
        await self.send_signal(signal.SIGKILL)

    async def terminate(self, restart: bool = False) -> None:
        await self.send_signal(signal.SIGTERM)

    async def launch_kernel(self, cmd: list[str], **kwargs):
        raise RuntimeError("a kernel the run started is not launched again: the worker starts its own")

    async def cleanup(self, restart: bool = False) -> None:
        pass  # its connection file is the run's, removed when the run ends


def kernel() -> WorkerKernelManager:
    """This worker's kernel, started now if the last one broke; the error again if none could start."""
    if _failed is not None:
        raise _failed
    return _kernel or start()


def fail(error: Exception) -> None:
    """No kernel could start in this worker: every bulletin it is given fails at once, saying why."""
    global _failed
    _failed = BantinError(
        f"Không khởi động được kernel Jupyter “{KERNEL}” để chạy sổ tay ({error}). Chi tiết trong "
        f".bantin/{KERNEL_LOG}; chạy lại make để cài đặt lại môi trường (.venv)."
    )


def take_over(project: Project, started: Started) -> WorkerKernelManager | None:
    """One of the run's kernels, once it has written its ports and answers; None if it did not come up."""
    global _kernel, _project
    _project = project  # where a kernel of the worker's own starts, should this one break
    deadline = time.monotonic() + READY
    while (info := ports_written(started.connection_file)) is None:
        if not running(started.pid) or time.monotonic() > deadline:
            return None
        time.sleep(0.02)
    manager = WorkerKernelManager(kernel_name=KERNEL)
    manager.load_connection_info(info)
    pid = info.get("pid", started.pid)  # written by kernel_family: the kernel itself, not the process that forked it
    manager.provisioner = StartedByTheRun(pid, kernel_spec=manager.kernel_spec)
    try:
        _wait_until_ready(manager)
    except Exception:
        _shut_down(manager)
        return None
    _kernel = manager
    return _kernel


def start(project: Project | None = None) -> WorkerKernelManager:
    """A kernel of this worker's own, in ``project`` (by default the one this worker started a kernel in before)."""
    global _kernel, _project
    project = _project = project or _project
    for attempt in range(1, STARTS + 1):
        manager = WorkerKernelManager(kernel_name=KERNEL)
        try:
            with open(kernel_log(project), "ab") as log:
                manager.start_kernel(extra_arguments=KERNEL_ARGUMENTS, stdout=log, stderr=log, cwd=project.root)
            _wait_until_ready(manager)
        except Exception:
            _shut_down(manager)
            if attempt == STARTS:
                raise
            time.sleep(0.2 * attempt)
            continue
        _kernel = manager
        return _kernel
    raise AssertionError("unreachable")


def run(manager: WorkerKernelManager, code: str) -> None:
    """Run ``code`` quietly on the kernel; a ``RuntimeError`` if it fails."""
    reply = manager.client().execute_interactive(
        code, store_history=False, timeout=120, output_hook=lambda message: None
    )
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"kernel không chạy được {code!r}: {reply['content'].get('evalue', '')}")


def stop() -> None:
    """Stop this worker's kernel, if it has one (a kernel that is already gone needs no stopping)."""
    global _kernel
    if _kernel is not None:
        manager, _kernel = _kernel, None
        _shut_down(manager)


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
