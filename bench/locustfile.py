"""The simulated users of a load run (started by bench/load.py, not by hand).

Each user signs in through the real sign-in page (GET for the CSRF token, then POST), takes an
API token for the API lists, then loops: picks one of the targets (the key pages, the API lists
and the three floors, equally likely), requests it, waits the think time. Every response
must be a 200 (redirects are not followed: a lost session would show as a failure).

Locust drives the load; the figures come from the raw timings this file records (milliseconds,
unrounded) for the requests started inside the measured window, written as JSON at the end.
The window opens a warm-up after the last user has signed in; when it closes no new request
starts, and the run stops once the requests in flight have answered (or after GRACE seconds).

Configuration comes from the JSON file named by BENCH_LOCUST_PLAN:
{"targets": {name: {"path", "auth": "session"|"token"|"none"}}, "accounts": [...],
 "think": [min_s, max_s], "window": [start_after_s, duration_s], "out": path}
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from typing import Any

import gevent
from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["BENCH_LOCUST_PLAN"], encoding="utf-8").read())  # noqa: SIM115
TARGETS: dict[str, dict[str, str]] = PLAN["targets"]
ACCOUNTS = itertools.cycle(PLAN["accounts"])
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

SAMPLES: dict[str, list[float]] = {name: [] for name in TARGETS}
SIGN_IN_MS: list[float] = []
FAILURES: dict[str, int] = {name: 0 for name in TARGETS}
ERRORS: list[str] = []
WINDOW: dict[str, float] = {}


SIGNED_IN: list[float] = []
STATE: dict[str, Any] = {"in_flight": 0}
GRACE = 120


@events.init.add_listener
def _init(environment: Any, **_: Any) -> None:
    STATE["environment"] = environment


@events.spawning_complete.add_listener
def _spawned(user_count: int, **_: Any) -> None:
    STATE["users"] = user_count
    _maybe_open_window()


def _maybe_open_window() -> None:
    """The window opens `warm-up` seconds after the last user has signed in, and the run
    stops when it closes: sign-ins (a deliberately slow password hash) are never measured."""
    if "start" in WINDOW or len(SIGNED_IN) < STATE.get("users", float("inf")):
        return
    WINDOW["start"] = time.time() + PLAN["window"][0]
    WINDOW["end"] = WINDOW["start"] + PLAN["window"][1]
    gevent.spawn_later(WINDOW["end"] - time.time(), _drain)


def _drain() -> None:
    """After the window: no new requests; wait for those in flight (up to GRACE s), then stop."""
    deadline = time.time() + GRACE
    while STATE["in_flight"] and time.time() < deadline:
        gevent.sleep(0.2)
    STATE["environment"].runner.quit()


@events.request.add_listener
def _record(name: str, response_time: float, exception: Any, start_time: float, **_: Any) -> None:
    if name == "sign-in" and exception is None:
        SIGN_IN_MS.append(response_time)
    if name not in SAMPLES or "start" not in WINDOW:
        return
    if not WINDOW["start"] <= start_time <= WINDOW["end"]:
        return
    if exception is not None:
        FAILURES[name] += 1
        if len(ERRORS) < 20:
            ERRORS.append(f"{name}: {exception}")
        return
    SAMPLES[name].append(response_time)


@events.test_stop.add_listener
def _dump(**_: Any) -> None:
    payload = {
        "window": WINDOW,
        "samples": SAMPLES,
        "failures": FAILURES,
        "errors": ERRORS,
        "sign_in_ms": SIGN_IN_MS,
        "signed_in": len(SIGNED_IN),
    }
    with open(PLAN["out"], "w", encoding="utf-8") as out:
        json.dump(payload, out)


class SignedInUser(HttpUser):
    wait_time = between(*PLAN["think"])

    def on_start(self) -> None:
        account = next(ACCOUNTS)
        self.token = account["token"]
        page = self.client.get("/accounts/sign-in/", name="sign-in form")
        found = CSRF.search(page.text)
        if not found:
            raise RuntimeError("no CSRF token on the sign-in page")
        response = self.client.post(
            "/accounts/sign-in/",
            data={
                "username": account["username"],
                "password": account["password"],
                "csrfmiddlewaretoken": found.group(1),
            },
            headers={"Referer": f"{self.host}/accounts/sign-in/"},
            name="sign-in",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"sign-in refused for {account['username']}: {response.status_code}")
        SIGNED_IN.append(time.time())
        _maybe_open_window()

    @task
    def visit(self) -> None:
        if "end" in WINDOW and time.time() > WINDOW["end"]:
            gevent.sleep(1)  # the window has closed: start nothing new
            return
        STATE["in_flight"] += 1
        try:
            self._visit()
        finally:
            STATE["in_flight"] -= 1

    def _visit(self) -> None:
        name = random.choice(list(TARGETS))
        target = TARGETS[name]
        headers = {}
        if target["auth"] == "token":
            headers["Authorization"] = f"Bearer {self.token}"
        with self.client.get(
            target["path"],
            name=name,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
