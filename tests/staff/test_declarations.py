"""Every content model declares its network scope and keeps its history, and every content
admin states its scope by inheritance: nothing is added to another app's classes at start-up."""

import pytest
from django.contrib import admin

from staff.admin import ContentAdmin, ScopedInlineMixin
from tests.staff.flows import content_models

#: Reference data that is not content: fixed in a migration and read-only in the admin.
REFERENCE = {"network.SDG"}
# Written once and never edited: a frozen edition of a report is itself the record of what was
# published (portal.editions); a new edition is frozen instead of changing one.
FROZEN = {"portal.AnnualReportEdition"}


def content_labels():
    return [model._meta.label for model in content_models()]


def by_label(label):
    return next(model for model in content_models() if model._meta.label == label)


def test_content_models_are_found():
    """The list walked below holds the content models of every content app."""
    labels = set(content_labels())
    for label in ("network.Membership", "events.Event", "publications.Edition", "portal.Story"):
        assert label in labels


@pytest.mark.parametrize("label", content_labels())
def test_content_model_declares_its_network_scope(label):
    """A content model says how it reaches its networks ("network", "networks", a chain through
    its parent, "pk") or that it is shared (None); a path must lead to a network."""
    model = by_label(label)
    assert "network_path" in vars(model), f"{label} declares no network_path"
    path = model.network_path
    if path in (None, "pk"):
        return
    target = model
    for step in path.split("__"):
        target = target._meta.get_field(step).related_model
    assert getattr(target, "network_path", None) == "pk", f"{label}: {path} leads to {target}"


@pytest.mark.parametrize("label", sorted(set(content_labels()) - REFERENCE - FROZEN))
def test_content_model_keeps_its_history_with_every_link(label):
    """A content model has a history, and its history records every many-to-many link, so a
    restore brings the links back."""
    model = by_label(label)
    assert hasattr(model, "history"), f"{label} has no history"
    recorded = {field.name for field in model.history.model._history_m2m_fields}
    links = {field.name for field in model._meta.many_to_many}
    assert links == recorded, f"{label}: history misses {links - recorded}"


@pytest.mark.parametrize("label", sorted(set(content_labels()) - REFERENCE))
def test_content_admin_is_scoped_and_versioned(label):
    """A content model's admin inherits the staff layer's base class, and so do its inlines."""
    model = by_label(label)
    if not admin.site.is_registered(model):
        return  # edited as an inline row of its parent (checked with the parent)
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, ContentAdmin), f"{label}'s admin is not a ContentAdmin"
    for inline in model_admin.inlines:
        assert issubclass(inline, ScopedInlineMixin), f"{inline.__name__} is not scoped"
