"""The accountability graph as a picture: a layered layout (pure) and an SVG drawing of it.

Parents sit above their children. A body may have several parents (the HPS Steering Group is a
working group of both Cabinet and the PCT Board); it sits one layer below the lowest of them.
No external binary: the layout is a longest-path layering plus a few barycentre sweeps.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import escape

from joinedup.partnerships.selectors import AccountabilityGraph, GraphEdge, GraphNode

NODE_W, NODE_H = 200, 64
H_GAP, V_GAP, MARGIN = 32, 88, 16
MAX_PER_ROW, WRAP_GAP = 4, 24
SWEEPS = 4

# How each kind of line is drawn (the legend says the same in words).
EDGE_STYLES: dict[str, str] = {
    "reports_to": "",
    "working_group_of": "8 4",
    "sub_group_of": "2 4",
    "advises": "10 4 2 4",
}


@dataclass(frozen=True)
class Position:
    layer: int
    order: int
    x: int
    y: int


def assign_layers(nodes: Sequence[int], edges: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Layer of each node: 0 for a body that reports to nobody, else one below its lowest parent.

    `edges` are (child, parent) pairs. Nodes caught in a loop (which the services refuse) go on
    a layer of their own at the bottom rather than looping forever.
    """
    known = set(nodes)
    parents: dict[int, list[int]] = {n: [] for n in nodes}
    children: dict[int, list[int]] = {n: [] for n in nodes}
    for child, parent in edges:
        if child in known and parent in known and child != parent:
            parents[child].append(parent)
            children[parent].append(child)
    waiting = {n: len(parents[n]) for n in nodes}
    ready = [n for n in nodes if waiting[n] == 0]
    layer: dict[int, int] = {}
    while ready:
        node = ready.pop(0)
        layer[node] = max((layer[p] + 1 for p in parents[node]), default=0)
        for child in children[node]:
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
    bottom = max(layer.values(), default=-1) + 1
    return {n: layer.get(n, bottom) for n in nodes}


def _barycentre(node: int, neighbours: list[int], order: dict[int, int]) -> float:
    placed = [order[n] for n in neighbours if n in order]
    return sum(placed) / len(placed) if placed else float(order.get(node, 0))


def order_layers(
    nodes: Sequence[int], edges: Iterable[tuple[int, int]], layer: dict[int, int]
) -> list[list[int]]:
    """Nodes of each layer, left to right, ordered to keep lines short and crossings few."""
    edge_list = list(edges)
    ups = {n: [p for c, p in edge_list if c == n and p in layer] for n in nodes}
    downs = {n: [c for c, p in edge_list if p == n and c in layer] for n in nodes}
    rows: list[list[int]] = [[] for _ in range(max(layer.values(), default=-1) + 1)]
    for node in nodes:  # callers pass nodes in name order: the starting order
        rows[layer[node]].append(node)
    for sweep in range(SWEEPS):
        down = sweep % 2 == 0
        indices = range(1, len(rows)) if down else range(len(rows) - 2, -1, -1)
        for i in indices:
            order = {n: k for row in rows for k, n in enumerate(row)}
            link = ups if down else downs
            rows[i] = sorted(rows[i], key=lambda n, lk=link, o=order: _barycentre(n, lk[n], o))
    return rows


def layout(nodes: Sequence[int], edges: Iterable[tuple[int, int]]) -> dict[int, Position]:
    """Where each node goes: layers top to bottom, each centred on the widest row.

    A layer wider than MAX_PER_ROW wraps onto several rows (eight working groups of one steering
    group would otherwise be far wider than a page).
    """
    edge_list = list(edges)
    layer = assign_layers(nodes, edge_list)
    rows = order_layers(nodes, edge_list, layer)
    widest = min(max((len(row) for row in rows), default=0), MAX_PER_ROW)
    full = widest * NODE_W + max(widest - 1, 0) * H_GAP
    positions: dict[int, Position] = {}
    y = MARGIN
    for i, row in enumerate(rows):
        chunks = [row[k : k + MAX_PER_ROW] for k in range(0, len(row), MAX_PER_ROW)]
        for c, chunk in enumerate(chunks):
            width = len(chunk) * NODE_W + max(len(chunk) - 1, 0) * H_GAP
            left = MARGIN + (full - width) // 2
            for k, node in enumerate(chunk):
                x = left + k * (NODE_W + H_GAP)
                positions[node] = Position(layer=i, order=c * MAX_PER_ROW + k, x=x, y=y)
            y += NODE_H + (WRAP_GAP if c < len(chunks) - 1 else V_GAP)
    return positions


def canvas_size(positions: dict[int, Position]) -> tuple[int, int]:
    if not positions:
        return (2 * MARGIN + NODE_W, 2 * MARGIN + NODE_H)
    right = max(p.x for p in positions.values()) + NODE_W + MARGIN
    bottom = max(p.y for p in positions.values()) + NODE_H + MARGIN
    return right, bottom


def _node_svg(node: GraphNode, pos: Position, href: str) -> str:
    lines = textwrap.wrap(node.name, 26)[:2] or [""]
    if len(textwrap.wrap(node.name, 26)) > 2:
        lines[1] = lines[1][:25] + "…"
    cx = pos.x + NODE_W // 2
    first_y = pos.y + (22 if len(lines) == 2 else 28)
    texts = "".join(
        f'<text x="{cx}" y="{first_y + i * 16}" class="ju-graph__name"{NAME_ATTRS}>'
        f"{escape(t)}</text>"
        for i, t in enumerate(lines)
    )
    return (
        f'<a href="{escape(href)}" class="ju-graph__node">'
        f"<title>{escape(node.name)} ({escape(node.kind_label)}, {escape(node.owner)})</title>"
        f'<rect x="{pos.x}" y="{pos.y}" width="{NODE_W}" height="{NODE_H}" rx="4"{BOX_ATTRS}/>'
        f'{texts}<text x="{cx}" y="{pos.y + NODE_H - 8}" class="ju-graph__kind"{KIND_ATTRS}>'
        f"{escape(node.kind_label)}</text></a>"
    )


def _edge_svg(edge: GraphEdge, names: dict[int, str], positions: dict[int, Position]) -> str:
    child, parent = positions[edge.child], positions[edge.parent]
    x1, y1 = child.x + NODE_W // 2, child.y
    x2, y2 = parent.x + NODE_W // 2, parent.y + NODE_H
    mid = (y1 + y2) // 2
    dash = EDGE_STYLES.get(edge.kind, "")
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    text = f"{names[edge.child]} {edge.label.lower()} {names[edge.parent]}"
    return (
        f'<path d="M{x1},{y1} C{x1},{mid} {x2},{mid} {x2},{y2 + 2}" '
        f'class="ju-graph__line ju-graph__line--{escape(edge.kind)}"{LINE_ATTRS}{dash_attr} '
        f'marker-end="url(#ju-arrow)"><title>{escape(text)}</title></path>'
    )


# Colours and fonts as SVG presentation attributes, not a <style> element or style="": the
# Content Security Policy refuses inline styles, and the picture is inline in the page as well
# as downloadable on its own. The hover/focus highlight is in the site's stylesheet.
BOX_ATTRS = ' fill="#ffffff" stroke="#0b0c0c" stroke-width="2"'
NAME_ATTRS = (
    ' font-family="sans-serif" font-size="14" font-weight="bold" text-anchor="middle"'
    ' fill="#1d70b8"'
)
KIND_ATTRS = ' font-family="sans-serif" font-size="12" text-anchor="middle" fill="#505a5f"'
LINE_ATTRS = ' fill="none" stroke="#505a5f" stroke-width="2"'


def render_svg(
    graph: AccountabilityGraph,
    *,
    href: Callable[[GraphNode], str],
    title: str = "Accountability structure",
    standalone: bool = False,
) -> str:
    """The graph as an accessible SVG; each body links to its page via `href(node)`."""
    ids = [n.id for n in graph.nodes]
    positions = layout(ids, [(e.child, e.parent) for e in graph.edges])
    width, height = canvas_size(positions)
    names = {n.id: n.name for n in graph.nodes}
    edges = "".join(
        _edge_svg(e, names, positions)
        for e in graph.edges
        if e.child in positions and e.parent in positions
    )
    nodes = "".join(_node_svg(n, positions[n.id], href(n)) for n in graph.nodes)
    desc = (
        f"{len(graph.nodes)} bodies and {len(graph.edges)} reporting lines; each body is drawn "
        "below the bodies it reports to. The same lines are listed as text beside the picture."
    )
    xmlns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    return (
        f'<svg{xmlns} class="ju-graph" role="group" aria-labelledby="ju-graph-title '
        f'ju-graph-desc" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<title id="ju-graph-title">{escape(title)}</title>'
        f'<desc id="ju-graph-desc">{escape(desc)}</desc>'
        '<defs><marker id="ju-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#505a5f"/></marker></defs>'
        f"{edges}{nodes}</svg>"
    )
