"""``outputs/index.html`` published: by every report (``render.batch``, with the rest of its run) and, after an
issue, on its own (``refresh_index``), the same bytes and the same record either way.

The index says which periods are issued and whether their figures changed since (``outputs.catalogue``), so
``make issue`` changes it without any report: the issue's pipeline calls ``refresh_index`` under its run lock,
and the next ``make report`` with nothing else changed has nothing to do.
"""

from __future__ import annotations

from bantin import messages
from bantin.build import provenance
from bantin.build.freshness import Inputs, Publication, State
from bantin.build.products import index_file
from bantin.build.project import Project
from bantin.model.reference import Reference
from bantin.render import outputs, pages


def publish_index(
    publication: Publication, project: Project, reference: Reference, inputs: Inputs, catalogue: list | None = None
) -> None:
    """Stage the index of ``outputs/`` as it will be once ``publication`` is committed, with its record
    (``catalogue``: ``outputs.catalogue`` of it, when the caller has it already)."""
    catalogue = catalogue if catalogue is not None else outputs.catalogue(project, publication.files)
    content = pages.index(catalogue, reference).encode("utf-8")
    publication.write(index_file(project), content, inputs.index(catalogue))


def refresh_index(project: Project, log=print) -> bool:
    """Bring ``outputs/index.html`` up to date alone, as a report would write it; True when it was rewritten.

    The caller holds the run lock (``build.publish.run_lock``): the issue's pipeline, once the register and the
    issued folder are written."""
    publication = Publication(project, State.load(project))
    inputs = Inputs(project, provenance.code(project))
    name = project.relative(index_file(project))
    catalogue = outputs.catalogue(project, publication.files)
    if publication.state.is_fresh(name, inputs.index(catalogue)):
        return False
    publish_index(publication, project, project.reference, inputs, catalogue)
    publication.commit()
    log(messages.INDEX_REFRESHED.format(index=name))
    return True
