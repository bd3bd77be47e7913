"""The REST API: one NinjaAPI, each app adds its router."""

from ninja import NinjaAPI

api = NinjaAPI(title="Joined-Up API", version="1", urls_namespace="api")
