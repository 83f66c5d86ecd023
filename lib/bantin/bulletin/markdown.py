"""The analyst's notes, Markdown, as the typed elements of ``document``: from mistune's syntax tree, never from
the HTML it writes.

Paragraphs, headings (a level-3 heading looks like a section's title, as on the page; the others like a
sub-section's), lists (numbered from their start), quotations, code, rules; emphasis, strong, code and links in
the text. A link keeps its words and opens only ``http(s):`` or ``mailto:`` (``document.linked``); an image and
raw HTML show as the page shows them (no image, the HTML as text).
"""

from __future__ import annotations

import html

import mistune

from bantin.bulletin.document import Code, Heading, ItemList, Paragraph, Quote, Rule, Run, linked

_tree = mistune.create_markdown(renderer=None)
_FORMATS = {"emphasis": {"italic": True}, "strong": {"bold": True}}


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
        elif kind == "image":
            continue
        elif "children" in node:
            found.extend(_runs(node["children"], flags | _FORMATS.get(kind, {})))
        elif node.get("raw"):
            found.append(Run(node["raw"], **flags))
    return tuple(found)
