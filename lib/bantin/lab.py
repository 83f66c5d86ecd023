"""JupyterLab's save of a notebook, seen by git: only what git's notebook filter strips changed, so nothing did.

git's filter for the notebooks (nbstripout, set up by ``make``) stores a notebook without its outputs, execution
counts and the kernel's details. ``git status`` however takes a tracked file whose size changed for modified
without running the filter, so a notebook run and saved in JupyterLab would show as modified while ``git diff``
shows nothing. After each save, when ``git diff`` (which runs the filter) finds the notebook equal to git's
index, the index takes its new size and time (``git update-index``: nothing is staged), and ``git status``
stays clean. A notebook that really changed, one git does not track, or one outside git is left alone.

``make`` registers :func:`refresh_git_index` as the Jupyter server's ``ContentsManager.post_save_hook``, in
.venv. Standard library only.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

GIT_TIMEOUT = 60  # seconds; the filter starts a Python for each notebook it reads


def refresh_git_index(model: dict, os_path: str, contents_manager=None, **_) -> None:
    """After the server saved ``os_path``: if git sees no change in it, record its new size and time in the index."""
    if model.get("type") != "notebook":
        return
    path = Path(os_path)
    git = ["git", "-C", str(path.parent)]
    try:
        same = subprocess.run(
            [*git, "diff", "--quiet", "--no-ext-diff", "--no-textconv", "--", path.name],
            capture_output=True,
            timeout=GIT_TIMEOUT,
        )
        if same.returncode == 0:  # equal to the index through the filter (or untracked, which update-index refuses)
            subprocess.run([*git, "update-index", "--", path.name], capture_output=True, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError) as error:  # git missing or stuck: the save itself is done
        if contents_manager is not None:
            contents_manager.log.warning("git's index was not refreshed after saving %s: %s", os_path, error)
