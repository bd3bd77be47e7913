"""Admin for superusers only."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from joinedup.accounts.models import ApiToken, Organisation, PartnershipRole, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "slug")


class PartnershipRoleInline(admin.TabularInline):
    model = PartnershipRole
    extra = 0


@admin.register(User)
class JoinedUpUserAdmin(UserAdmin):
    list_display = ("username", "role_title", "organisation", "is_active")
    list_filter = ("is_active", "organisation")
    fieldsets = (*UserAdmin.fieldsets, ("Joined-Up", {"fields": ("organisation", "role_title")}))
    inlines = [PartnershipRoleInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")
