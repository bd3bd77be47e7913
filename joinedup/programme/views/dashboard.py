"""The board dashboard page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from joinedup.core import permissions
from joinedup.core.decorators import partnership_view
from joinedup.core.models import Partnership
from joinedup.programme import selectors
from joinedup.programme.dashboard import Bar, board_dashboard

BAR_WIDTH = 320
ROW_HEIGHT = 32
RAG_FILL = {
    "red": "#d4351c",
    "amber": "#ffdd00",
    "green": "#00703c",
    "blue": "#1d70b8",
    "grey": "#b1b4b6",
}


def _date_param(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _chart(bars: list[Bar], scale: float) -> dict[str, Any]:
    """Rows of a horizontal stacked bar chart: label, segments with fill and position."""
    rows = []
    for index, bar in enumerate(bars):
        segments = bar.segments(scale)
        for segment in segments:
            segment["fill"] = RAG_FILL[segment["rag"]]
        rows.append({"bar": bar, "segments": segments, "y": index * ROW_HEIGHT})
    return {
        "rows": rows,
        "height": max(len(rows), 1) * ROW_HEIGHT,
        "label_width": 240,
        "bar_x": 250,
        "width": 250 + BAR_WIDTH + 50,
    }


@partnership_view
def dashboard(request: HttpRequest, partnership: Partnership, plan_slug: str) -> HttpResponse:
    """`?as_of=2008-10-02` shows the plan as it stood on that day; `?since=` sets "changed"."""
    plan = selectors.plan_get(user=request.user, partnership=partnership, slug=plan_slug)
    today = _date_param(request.GET.get("as_of")) or timezone.localdate()
    board = board_dashboard(
        user=request.user, plan=plan, today=today, since=_date_param(request.GET.get("since"))
    )
    scale = BAR_WIDTH / board.chart_max
    return render(
        request,
        "programme/dashboard.html",
        {
            "partnership": partnership,
            "plan": plan,
            "board": board,
            "stream_chart": _chart(board.by_workstream, scale),
            "partner_chart": _chart(board.by_partner, scale),
            "rag_fill": RAG_FILL,
            "can_edit": permissions.can_edit(request.user, plan),
        },
    )
