"""Draft preview: staff see the drafts of their own networks on the real public page."""

from django.db.models import Q
from django.utils import timezone

from staff.scope import in_user_networks


def visible_to(queryset, user):
    """`queryset` as `user` may see it on a public page: published(), plus for active staff the
    drafts of the networks they work for (and shared drafts, such as organisations)."""
    if user is None or not user.is_active or not user.is_staff:
        return queryset.published()
    previewable = in_user_networks(user, queryset)
    return queryset.filter(
        Q(is_published=True, publish_at__lte=timezone.now()) | Q(pk__in=previewable.values("pk"))
    )


class StaffPreviewMixin:
    """View mixin: staff see drafts on the real public page; everyone else sees published()."""

    def get_queryset(self):
        return visible_to(super().get_queryset(), self.request.user)
