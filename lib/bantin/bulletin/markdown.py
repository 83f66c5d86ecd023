"""The analyst's notes, Markdown, as the typed elements of ``document``: from mistune's syntax tree, never from
the HTML it writes.

Paragraphs, headings (a level-3 heading looks like a section's title, as on the page; the others like a
sub-section's), lists (numbered from their start), quotations, code, rules; emphasis, strong, code and links in
the text. A link keeps its words and opens only ``http(s):`` or ``mailto:`` (``document.linked``). The notes load
nothing: an image shows as text, its words and its address (``messages.NOTES_IMAGE``), and raw HTML as written,
as text; ``html`` writes the page's HTML of the notes by the same rules.
"""

from __future__ import annotations

import html

import mistune

from bantin import messages
from bantin.bulletin.document import Code, Heading, ItemList, Paragraph, Quote, Rule, Run, linked

_tree = mistune.create_markdown(renderer=None)


class _Renderer(mistune.HTMLRenderer):
    """mistune's HTML, raw HTML escaped (shown as text), an image as the text of its words and address."""

    def image(self, text: str, url: str, title: str | None = None) -> str:
        return messages.NOTES_IMAGE.format(alt=text, address=html.escape(url))


_html = mistune.create_markdown(renderer=_Renderer(escape=True))
_FORMATS = {"emphasis": {"italic": True}, "strong": {"bold": True}}


def html_of(markdown: str) -> str:
    """The HTML of the notes' ``markdown``: it loads nothing (no image, no tag of the writer's)."""
    return _html(markdown)


def elements(markdown: str) -> tuple:
    """The elements of the notes' ``markdown``, in order."""
    return _blocks(_tree(markdown))


def _blocks(nodes: list[dict]) -> tuple:
    return tuple(element for node in nodes if (element := _block(node)) is not None)


def _block(node: dict):
    kind, children = node["type"], node.get("children", [])
    if kind in ("paragraph", "block_text"):
        return Paragraph(_runs(children, {}))
    if kind == "heading":
        return Heading(_runs(children, {}), "section" if node["attrs"]["level"] == 3 else "subsection")
    if kind == "list":
        items = tuple(_blocks(item.get("children", [])) for item in children)
        return ItemList(items, bool(node["attrs"].get("ordered")), int(node["attrs"].get("start", 1)))
    if kind == "block_quote":
        return Quote(_blocks(children))
    if kind == "block_code":
        return Code(node.get("raw", ""))
    if kind == "thematic_break":
        return Rule()
    if kind == "block_html":  # shown as written, as text
        return Paragraph((Run(node.get("raw", "").strip()),))
    return None  # a blank line


def _runs(nodes: list[dict], flags: dict) -> tuple[Run, ...]:
    found: list[Run] = []
    for node in nodes:
        kind = node["type"]
        if kind == "linebreak":
            found.append(Run(None, **flags))
        elif kind == "softbreak":
            found.append(Run(" ", **flags))
        elif kind == "codespan":
            found.append(Run(node.get("raw", ""), **flags | {"code": True}))
        elif kind == "link":
            address = linked(html.unescape(node["attrs"].get("url", "")))
            found.extend(_runs(node.get("children", []), flags | ({"link": address} if address else {})))
        elif kind == "image":  # its words, then its address, as text
            alt = "".join(run.text or " " for run in _runs(node.get("children", []), {}))
            found.append(Run(messages.NOTES_IMAGE.format(alt=alt, address=node["attrs"].get("url", "")), **flags))
        elif "children" in node:
            found.extend(_runs(node["children"], flags | _FORMATS.get(kind, {})))
        elif node.get("raw"):
            found.append(Run(node["raw"], **flags))
    return tuple(found)
