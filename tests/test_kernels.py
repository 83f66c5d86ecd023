"""The kernels a run starts first thing, and the workers that take them over (``kernels``, ``worker_kernel``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import psutil
import pytest

from bantin.model.periods import Period
from bantin.render import worker_kernel
from bantin.render.kernels import Kernels, Started, running

pytestmark = pytest.mark.slow  # each test starts kernels


@pytest.fixture
def kernels(project):
    """Two kernels of the sample project, as a run of 2024H1 with two workers starts them; stopped after."""
    started = Kernels.start(project, Period.parse("2024H1"), 2)
    yield started
    worker_kernel.stop()
    started.stop()


def test_one_process_starts_the_kernels_in_the_project_and_each_is_taken_over_with_its_own_process(kernels, project):
    assert len(kernels.processes) == 1 and len(kernels.started) == 2  # one start imports for both
    for started in kernels.started:
        manager = worker_kernel.take_over(project, started)  # as each worker does: here one after the other
        assert manager is not None
        worker_kernel.run(manager, f"import os; assert os.getcwd() == {str(project.root)!r}")  # Project.find()'s
    pids = [kernel_pid(started) for started in kernels.started]
    family = psutil.Process(kernels.processes[0].pid)
    assert pids[0] == family.pid and psutil.Process(pids[1]).ppid() == family.pid


def test_a_kernel_taken_over_is_told_dead_once_it_ends_though_the_worker_cannot_wait_for_it(kernels, project):
    manager = worker_kernel.take_over(project, kernels.started[1])
    pid = manager.provisioner.pid
    assert manager.is_alive()
    worker_kernel.stop()  # as a worker does when its kernel broke: killed, and not its child to reap
    assert not running(pid)
    assert not manager.is_alive()


def test_stopping_the_run_ends_every_kernel_and_removes_their_connection_files(kernels, project):
    for started in kernels.started:
        assert worker_kernel.take_over(project, started) is not None  # up, then left running by its worker
    pids = [kernel_pid(started) for started in kernels.started]
    kernels.stop()
    assert not any(running(pid) for pid in pids)
    assert not any(os.path.exists(started.connection_file) for started in kernels.started)


def test_a_kernel_that_never_came_up_is_not_waited_for(tmp_path, project):
    connection = tmp_path / "kernel-0.json"
    connection.write_text(json.dumps({"shell_port": 0}), encoding="utf-8")
    gone = psutil.Popen(["true"])
    gone.wait()
    assert (
        worker_kernel.take_over(project, Started(str(connection), gone.pid)) is None
    )  # the worker then starts its own


def kernel_pid(started: Started) -> int:
    """The kernel's own process, as it wrote it into its connection file."""
    return json.loads(Path(started.connection_file).read_text(encoding="utf-8"))["pid"]
