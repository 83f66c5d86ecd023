"""What a period hands out besides each bulletin, made of the bulletins as they are published.

- ``tap-ban-tin.pdf``, the printable set for the meeting: a cover (the organisation, the period, the contents
  with each bulletin's first page in the set), then the province overview and each cluster's bulletin in the
  order of ``clusters.csv``, each under one bookmark (its own headings nested under it). Each bulletin keeps
  its own page numbers, which restart, as printed bulletins do.
- ``ban-tin-<PERIOD>.zip``, the archive to send: the PDFs, the set, the Word files, the news items and the
  figures, in one folder, sorted, with fixed dates: the same bulletins give the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter

from bantin.model import site_wording
from bantin.model.periods import Period
from bantin.model.reference import Reference
from bantin.model.register import Issue
from bantin.render import fonts, pages
from bantin.render.archives import deterministic_zip
from bantin.render.exporters import html_to_pdf

_COVER_ATTEMPTS = 3  # a cover whose contents push it to a second page is laid out again once it knows


@dataclass(frozen=True)
class Member:
    """One bulletin of the set: how the contents and its bookmark name it, and its PDF as published."""

    scope: str  # a cluster's code, or PROVINCE
    name: str  # "Toàn tỉnh", "Cụm đồng bằng"
    pdf: bytes


def set_title(reference: Reference, period: Period) -> str:
    """ "Tập bản tin công tác dân vận – 6 tháng đầu năm 2024": the set's title, as its PDF's properties say (the
    site's wording file, ``[cover] title``)."""
    bulletin = reference.organisation_for(period)["bulletin_title"].lower()
    return site_wording.fill(
        site_wording.of(reference.folder)["cover"]["title"], bulletin=bulletin, period=period.label
    )


def printable_set(
    reference: Reference,
    period: Period,
    members: list[Member],
    status: dict | None,
    issue: Issue | None = None,
    replaced: Issue | None = None,
) -> bytes:
    """The cover (with who reported, from the period's ``status``; a draft's mark, or the number and date of
    ``issue`` and the issue it replaces, ``replaced``), then every member's pages as published, one bookmark each.
    The same members give the same bytes whenever it is made: the cover's fonts are static faces made once, and the
    subsets of them it embeds are dated as the period's last day (``fonts``)."""
    readers = [PdfReader(io.BytesIO(member.pdf)) for member in members]
    title = set_title(reference, period)
    cover_pages, cover = 1, None
    for _ in range(_COVER_ATTEMPTS):
        first_page, contents = cover_pages + 1, []
        for member, reader in zip(members, readers, strict=True):
            contents.append(
                {"scope": member.scope, "name": member.name, "pages": len(reader.pages), "first_page": first_page}
            )
            first_page += len(reader.pages)
        with fonts.dated(period.end):
            cover = PdfReader(
                io.BytesIO(html_to_pdf(pages.cover(reference, period, title, contents, status, issue, replaced)))
            )
        if len(cover.pages) == cover_pages:
            break
        cover_pages = len(cover.pages)
    writer = PdfWriter()
    writer.append(cover, import_outline=False)  # the cover's headings are not bulletins
    for member, reader in zip(members, readers, strict=True):
        writer.append(reader, outline_item=member.name)  # the bulletin's own headings nested under it
    writer.add_metadata({"/Title": title, "/Producer": "bantin"})
    writer.page_mode = "/UseOutlines"  # a reader opens it with the bookmarks shown
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def archive(period: Period, files: dict[str, bytes]) -> bytes:
    """The archive to send: ``files`` (by name) in one folder named after the period, sorted."""
    folder = f"ban-tin-{period}"
    return deterministic_zip([(f"{folder}/{name}", files[name]) for name in sorted(files)])
