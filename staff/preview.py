"""Draft preview: staff see the drafts of their own networks on the real public page."""

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.cache import patch_cache_control

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


def private_for_staff(get_response):
    """Middleware: a page served to a signed-in staff user may show drafts (the preview above),
    so it is marked private and not to be stored: no shared cache or proxy keeps it and serves it
    to the public, and no browser keeps it after the session."""

    def middleware(request):
        response = get_response(request)
        # Only a signed-in browser carries the session cookie: looking at the user of any other
        # request would load its session and add "Vary: Cookie" to the public's pages.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and user.is_staff:
                patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware
