"""Schemas of the deadline endpoint.

No `from __future__ import annotations`: Ninja and pydantic read these annotations at runtime.
"""

from typing import Any

from ninja import Schema


class DeadlineOut(Schema):
    rule: str
    input: str
    due: str
    profile: str
    also: dict[str, str]
    explanation: list[str]


class ErrorOut(Schema):
    detail: list[dict[str, Any]]
