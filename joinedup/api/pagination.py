"""Page-number pagination for every list: `?page=2&page_size=50`.

The envelope is `{"items": [...], "count": n, "page": 2, "pages": 3, "next": url, "previous": url}`
so a client can follow `next` until it is null.
"""

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import PaginationBase

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class PageNumber(PaginationBase):
    """Pages of `page_size` (default 25, at most 100); `next`/`previous` are absolute URLs."""

    class Input(Schema):
        page: int = Field(1, ge=1)
        page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        pages: int
        next: str | None
        previous: str | None

    def paginate_queryset(
        self, queryset: QuerySet | list, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        paginator = Paginator(queryset, pagination.page_size, allow_empty_first_page=True)
        if pagination.page > paginator.num_pages:
            raise HttpError(404, "There is no such page.")
        page = paginator.page(pagination.page)
        return {
            "items": list(page.object_list),
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": (
                _page_url(request, page.previous_page_number()) if page.has_previous() else None
            ),
        }


def _page_url(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
