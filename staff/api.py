"""Staff writes through the API: the same model permissions, network scope and publish right as
the admin."""

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from core.api import StaffModelPermissions
from staff.scope import (
    in_user_networks,
    may_publish,
    network_change_refused,
    record_networks,
    shared_with_others,
    unlink_from_networks,
)


class UnlinkedFromNetworks(serializers.Serializer):
    """The answer to a DELETE of a joint record that stays on other networks' sites."""

    detail = serializers.CharField()
    removed_from = serializers.ListField(child=serializers.SlugField())
    stays_on = serializers.ListField(child=serializers.SlugField())


class StaffWriteMixin:
    """Create, update and delete for staff (API token or session) holding the model permission.

    Reads stay open and published-only; writes reach drafts too (a new record may be a draft).
    Writes take `write_serializer_class`; the answer is the record as the read endpoint shows it.
    """

    permission_classes = [StaffModelPermissions]
    write_serializer_class = None
    model = None

    def __init_subclass__(cls, **kwargs):
        """In the schema, a write answers with the record as the read endpoint shows it
        (`serializer_class`), not with the write serializer it takes."""
        super().__init_subclass__(**kwargs)
        read = cls.__dict__.get("serializer_class")
        if read is not None:
            extend_schema_view(
                create=extend_schema(responses={201: read}),
                update=extend_schema(responses={200: read}),
                partial_update=extend_schema(responses={200: read}),
                destroy=extend_schema(
                    responses={
                        204: None,
                        200: OpenApiResponse(
                            UnlinkedFromNetworks,
                            description="A record shared with networks the user does not work "
                            "for is only taken off the user's networks.",
                        ),
                    }
                ),
            )(cls)

    def read_queryset(self, base):
        """`base` with the joins the read serializer needs."""
        raise NotImplementedError

    def get_queryset(self):
        if self.request.method in SAFE_METHODS:
            return self.read_queryset(self.model.objects.published())
        # Writes reach only the records of the networks the user works for, as in the admin.
        return in_user_networks(self.request.user, self.model.objects.all())

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer_class
        return super().get_serializer_class()

    def read_representation(self, instance):
        fresh = self.read_queryset(self.model.objects.filter(pk=instance.pk)).get()
        return self.serializer_class(fresh, context=self.get_serializer_context()).data

    def save_within_scope(self, serializer, before=None):
        """Save, then undo and refuse if the record left the user's networks, gained or lost a
        network the user does not work for, or changed its publication state without the
        right to publish. `before`: an updated record's networks and publication state."""
        user = self.request.user
        networks, published = before or (set(), None)
        with transaction.atomic():
            instance = serializer.save()
            if network_change_refused(user, self.model, networks, record_networks(instance)):
                raise PermissionDenied(
                    _(
                        "You can write only records of the networks you work for, and cannot "
                        "add or remove other networks."
                    )
                )
            now = (instance.is_published, instance.publish_at)
            if before is not None:
                changed = now != published
            else:  # a new record: a draft with the default publish time
                changed = instance.is_published or "publish_at" in serializer.validated_data
            if changed and not may_publish(user):
                raise PermissionDenied(_("Only publishers may publish, unpublish or schedule."))
        return instance

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.save_within_scope(serializer)
        return Response(self.read_representation(instance), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            # The record is read after its row is locked (PostgreSQL; SQLite's IMMEDIATE
            # transaction already holds the write lock), so a second write of it waits for this
            # one and starts from its result: a PATCH never writes old values back over another's.
            pk = self.get_object().pk
            list(self.model._base_manager.select_for_update().filter(pk=pk).values_list("pk"))
            current = self.get_object()
            # Taken before the save, which sets the new values on `current`.
            before = (record_networks(current), (current.is_published, current.publish_at))
            serializer = self.get_serializer(current, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            instance = self.save_within_scope(serializer, before)
        return Response(self.read_representation(instance))

    def destroy(self, request, *args, **kwargs):
        """Delete; but a joint record that also belongs to networks the user does not work for
        is only taken off the user's networks (as in the admin), and the answer says so."""
        instance = self.get_object()
        split = shared_with_others(request.user, instance)
        if split is None:
            self.perform_destroy(instance)
            return Response(status=status.HTTP_204_NO_CONTENT)
        mine, others = split
        with transaction.atomic():
            message = unlink_from_networks(request.user, instance, mine, others)
        return Response(
            {
                "detail": message,
                "removed_from": [n.slug for n in mine],
                "stays_on": [n.slug for n in others],
            }
        )

    def perform_destroy(self, instance):
        try:
            instance.delete()
        except ProtectedError:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Other records refer to this one: unlink them first.")]}
            ) from None
