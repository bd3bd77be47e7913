"""The accountability picture: layering, ordering, and an accessible SVG."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from joinedup.partnerships import graph
from joinedup.partnerships.selectors import AccountabilityGraph, GraphEdge, GraphNode

CABINET, PCT, SG, WG1, WG2 = 1, 2, 3, 4, 5
HEREFORDSHIRE = [(SG, CABINET), (SG, PCT), (WG1, SG), (WG2, SG)]


def test_it_puts_a_body_with_two_parents_below_both():
    layers = graph.assign_layers([CABINET, PCT, SG, WG1, WG2], HEREFORDSHIRE)

    assert layers == {CABINET: 0, PCT: 0, SG: 1, WG1: 2, WG2: 2}


def test_it_puts_a_child_below_its_lowest_parent():
    # Board <- Executive <- Operational, and Operational also reports straight to Board.
    layers = graph.assign_layers([1, 2, 3], [(2, 1), (3, 2), (3, 1)])

    assert layers == {1: 0, 2: 1, 3: 2}


def test_it_centres_the_child_between_its_two_parents():
    positions = graph.layout([CABINET, PCT, SG], HEREFORDSHIRE[:2])

    sg_centre = positions[SG].x + graph.NODE_W / 2
    parents_centre = (positions[CABINET].x + positions[PCT].x + graph.NODE_W) / 2
    assert positions[SG].y > positions[CABINET].y == positions[PCT].y
    assert sg_centre == parents_centre


def test_it_survives_a_loop_it_should_never_be_given():
    layers = graph.assign_layers([1, 2, 3], [(1, 2), (2, 1), (3, 1)])

    assert set(layers) == {1, 2, 3}


def test_it_orders_children_under_their_parents():
    # Two parents, each with one child; children listed in the "wrong" starting order.
    rows = graph.order_layers([1, 2, 4, 3], [(3, 1), (4, 2)], {1: 0, 2: 0, 3: 1, 4: 1})

    assert rows == [[1, 2], [3, 4]]


@given(
    st.integers(min_value=1, max_value=12).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=20),
        )
    )
)
def test_it_always_places_parents_above_children_in_an_acyclic_graph(case):
    n, pairs = case
    # Keep only child > parent edges: acyclic by construction.
    edges = [(c, p) for c, p in pairs if c > p]
    positions = graph.layout(list(range(n)), edges)

    assert set(positions) == set(range(n))
    for child, parent in edges:
        assert positions[child].y > positions[parent].y
    spots = {(p.x, p.y) for p in positions.values()}
    assert len(spots) == n  # no two bodies drawn on top of each other


def _hps_graph():
    nodes = [
        GraphNode(CABINET, "cabinet", "Cabinet", "cabinet", "Cabinet", "Council"),
        GraphNode(PCT, "pct-board", "PCT Board", "nhs_board", "NHS board", "PCT"),
        GraphNode(
            SG, "hps-sg", "HPS Steering Group <&>", "steering_group", "Steering group", "HPS"
        ),
    ]
    edges = [
        GraphEdge(SG, CABINET, "working_group_of", "Is a working group of"),
        GraphEdge(SG, PCT, "working_group_of", "Is a working group of"),
    ]
    return AccountabilityGraph(nodes=nodes, edges=edges)


def test_it_draws_an_accessible_svg_with_links_and_line_styles():
    svg = graph.render_svg(_hps_graph(), href=lambda n: f"/b/{n.slug}/", title="HPS structure")

    assert 'role="group"' in svg
    assert '<title id="ju-graph-title">HPS structure</title>' in svg
    assert "<desc" in svg
    assert 'href="/b/hps-sg/"' in svg
    assert svg.count('stroke-dasharray="8 4"') == 2
    assert "HPS Steering Group &lt;&amp;&gt; is a working group of Cabinet" in svg
    assert "<&>" not in svg


def test_it_draws_a_standalone_svg_with_its_namespace():
    svg = graph.render_svg(AccountabilityGraph(), href=lambda n: "", standalone=True)

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def test_it_wraps_a_wide_layer_so_the_picture_fits_a_page() -> None:
    from joinedup.partnerships.graph import H_GAP, MARGIN, MAX_PER_ROW, NODE_W, canvas_size, layout

    steering, groups = 0, list(range(1, 9))
    positions = layout([steering, *groups], [(g, steering) for g in groups])
    width, _ = canvas_size(positions)
    assert width <= 2 * MARGIN + MAX_PER_ROW * NODE_W + (MAX_PER_ROW - 1) * H_GAP
    rows = {positions[g].y for g in groups}
    assert len(rows) == 2
    assert all(y > positions[steering].y for y in rows)
    assert len({(p.x, p.y) for p in positions.values()}) == len(positions)
