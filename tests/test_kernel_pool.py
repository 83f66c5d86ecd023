"""The kernel pool: the kernels a run starts first thing, and the workers that take them over
(``kernel_pool``, ``worker_kernel``), by the fast path (``fork``) and by its fallback (``spawn``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from bantin.model.periods import Period
from bantin.render import kernel_pool, worker_kernel
from bantin.render.kernel_pool import FORK, SPAWN, KernelPool, Started, running
from bantin.render.pipeline import run_report
from bantin.render.worker_kernel import WorkerKernel
from helpers import small_project, snapshot

pytestmark = pytest.mark.slow  # each test starts kernels

H1 = Period.parse("2024H1")


@pytest.fixture
def kernels(project):
    """Two kernels of the sample project, as a run of 2024H1 with two workers starts them; stopped after."""
    started = KernelPool.start(project, H1, 2, method=FORK)
    workers = [WorkerKernel(project), WorkerKernel(project)]  # as two workers hold them, here in one process
    yield started, workers
    for worker in workers:
        worker.stop()
    started.stop()


def test_one_process_starts_the_kernels_and_each_is_taken_over_with_its_own_process(kernels, project):
    pool, workers = kernels
    assert len(pool.processes) == 1 and len(pool.started) == 2  # one start imports for both
    for worker, started in zip(workers, pool.started, strict=True):
        manager = worker.take_over(started)  # as each worker does: here one after the other
        assert manager is not None
        # In the project's folder, with the run's environment: the notebooks need nothing else to find it.
        code = f"import os; assert os.getcwd() == {str(project.root)!r}; assert os.environ['SOURCE_DATE_EPOCH']"
        worker.manager().client().execute_interactive(code, store_history=False, output_hook=lambda _: None)
    pids = [kernel_pid(started) for started in pool.started]
    family = psutil.Process(pool.processes[0].pid)
    assert pids[0] == family.pid and psutil.Process(pids[1]).ppid() == family.pid


def test_the_client_waits_for_its_kernel_once_and_is_shared_by_every_notebook(kernels):
    pool, workers = kernels
    manager = workers[0].take_over(pool.started[0])
    client = manager.client()
    assert manager.client() is client and client.seen_ready  # papermill asks once per notebook
    client.wait_for_ready(timeout=1)  # at once: the kernel answered this client before


def test_a_kernel_taken_over_is_told_dead_once_it_ends_though_the_worker_cannot_wait_for_it(kernels):
    pool, workers = kernels
    manager = workers[1].take_over(pool.started[1])
    pid = manager.provisioner.pid
    assert manager.is_alive()
    workers[1].stop()  # as a worker does when its kernel broke: killed, and not its child to reap
    assert not running(pid)
    assert not manager.is_alive()


def test_a_worker_that_leaves_kills_the_runs_kernel_and_leaves_it_for_the_run_to_reap(kernels):
    pool, workers = kernels
    manager = workers[0].take_over(pool.started[0])  # the kernel family itself: the run's child, not the worker's
    pid = manager.provisioner.pid
    workers[0].leave()  # as the worker's exit handler does, without waiting for the kernel to go
    assert workers[0].current is None
    deadline = time.monotonic() + 5
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not running(pid)  # killed: a zombie until the run reaps it
    pool.stop()
    assert not psutil.pid_exists(pid)


def test_stopping_the_run_ends_every_kernel_and_removes_their_connection_files(kernels):
    pool, workers = kernels
    for worker, started in zip(workers, pool.started, strict=True):
        assert worker.take_over(started) is not None  # up, then left running by its worker
    pids = [kernel_pid(started) for started in pool.started]
    pool.stop()
    assert not any(running(pid) for pid in pids)
    assert not any(os.path.exists(started.connection_file) for started in pool.started)


def test_a_kernel_that_never_came_up_is_not_waited_for(tmp_path, project):
    connection = tmp_path / "kernel-0.json"
    connection.write_text(json.dumps({"shell_port": 0}), encoding="utf-8")
    gone = psutil.Popen(["true"])
    gone.wait()
    assert WorkerKernel(project).take_over(Started(str(connection), gone.pid)) is None  # it starts its own then


def test_where_fork_is_not_available_each_kernel_is_a_process_of_its_own(project):
    pool = KernelPool.start(project, H1, 2, method=SPAWN)
    try:
        assert len(pool.processes) == 2
        assert [started.pid for started in pool.started] == [process.pid for process in pool.processes]
    finally:
        pool.stop()


def test_the_fallback_without_fork_renders_the_same_bytes_as_the_fast_path(tmp_path, monkeypatch):
    """Workers started as fresh interpreters (``spawn``), each kernel a process of its own: as on Windows."""
    outputs, pools = {}, []
    start_workers = worker_kernel.workers

    def workers(kernels, count):
        pools.append((kernels.method, len(kernels.processes)))
        return start_workers(kernels, count)

    monkeypatch.setattr(worker_kernel, "workers", workers)
    for method in (FORK, SPAWN):
        monkeypatch.setattr(kernel_pool, "START_METHOD", method)
        project = small_project(tmp_path / method / "project")
        run_report(project, H1, ["dong-bang", "ven-bien"], jobs=2, log=lambda line: None)
        outputs[method] = snapshot(project.outputs_dir)
    assert pools == [(FORK, 1), (SPAWN, 2)]  # a family of two kernels, then two kernels of their own
    assert {"2024H1/dong-bang.html", "2024H1/dong-bang.pdf", "2024H1/dong-bang.docx"} <= set(outputs[FORK])
    assert outputs[SPAWN] == outputs[FORK]


# Run in a fresh interpreter, as ``bantin report`` starts: what the test process has imported stays out of it.
STARTS_A_POOL = """
import json, os, subprocess, sys
from pathlib import Path
import psutil
from bantin.build.project import Project
from bantin.build.publish import run_lock
from bantin.model.periods import Period
from bantin.render.kernel_pool import Forked, KernelPool, ports_written
from bantin.render.worker_kernel import WorkerKernel
project = Project(Path(sys.argv[1]))
{before}
with run_lock(project.state_dir):
    pool = KernelPool.start(project, Period.parse("2024H1"), 2)
    worker = WorkerKernel(project)
    manager = worker.take_over(pool.started[0])
    manager.client().execute_interactive(
        "import os, sys; print(os.getcwd(), os.environ['SOURCE_DATE_EPOCH'], 'matplotlib' in sys.modules)",
        output_hook=lambda message: print(message["content"].get("text", ""), end=""),
    )
    family = psutil.Process(pool.processes[0].pid)
    kernels = [ports_written(started.connection_file)["pid"] for started in pool.started]
    print(json.dumps({{
        "forked": isinstance(pool.processes[0], Forked),
        "parents": [psutil.Process(pid).ppid() for pid in kernels],
        "family": family.pid, "run": os.getpid(), "kernels": kernels,
        "open": [file.path for pid in kernels for file in psutil.Process(pid).open_files()],
        "session": os.getsid(family.pid) == family.pid,
    }}))
    worker.stop()
    pool.stop()
"""


def start_a_pool(project, before: str = "") -> tuple[str, dict]:
    """What the first kernel printed, and how the pool started, in a fresh interpreter."""
    script = STARTS_A_POOL.format(before=before)
    result = subprocess.run([sys.executable, "-c", script, str(project.root)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    printed, started = result.stdout.rstrip().rsplit("\n", 1)
    return printed, json.loads(started)


def test_a_run_forks_the_kernel_family_from_itself_and_the_family_stands_alone(project):
    """The family comes from the run, after the imports both need, and is then as a process of its own would be:
    in its own session and the project's folder, with the run's environment, and none of the run's files open
    (a kernel outliving a killed run would otherwise hold the run's lock)."""
    printed, started = start_a_pool(project)
    assert started["forked"]
    assert started["kernels"][0] == started["family"] and started["parents"] == [started["run"], started["family"]]
    assert started["session"]
    assert not any(path.endswith("run.lock") for path in started["open"]), started["open"]
    folder, epoch, drawn = printed.split()
    assert Path(folder) == project.root and int(epoch) > 0
    assert drawn == "True"  # the kernel imported matplotlib itself


def test_a_run_that_has_drawn_starts_the_kernel_family_as_a_process_of_its_own(project):
    """matplotlib imported in the run (a state the kernels must not inherit): the family is started afresh."""
    printed, started = start_a_pool(project, before="import matplotlib.pyplot")
    assert not started["forked"]
    assert started["parents"] == [started["run"], started["family"]]
    assert Path(printed.split()[0]) == project.root


def kernel_pid(started: Started) -> int:
    """The kernel's own process, as it wrote it into its connection file."""
    return json.loads(Path(started.connection_file).read_text(encoding="utf-8"))["pid"]
