"""Writes of organisations and memberships outside the admin's forms (a spreadsheet of members,
the seed loader): the model's validation and the same messages as the admin's, then the save.
"""

from __future__ import annotations

from django.db import transaction

from core.partial_dates import parse_entered_range
from network.models import Membership, Organisation


@transaction.atomic
def organisation_save(*, organisation: Organisation) -> Organisation:
    """Check and save an organisation (a member, partner or any other body)."""
    organisation.full_clean()
    organisation.save()
    return organisation


def membership_set_dates(*, membership: Membership, joined: str, left: str) -> None:
    """Set 'joined' and 'left' from text as staff type it (2012, 2022-05): each is stored as the
    first day of its period, at the precision both are typed at ("" leaves a date unknown).
    Raises a ValidationError naming `joined` or `left`; the membership is left unchanged then."""
    first, last, precision = parse_entered_range(joined, left, names=("joined", "left"))
    membership.joined = first.first if first else None
    membership.left = last.first if last else None
    if precision:
        membership.date_precision = precision


@transaction.atomic
def membership_save(
    *, membership: Membership, organisation: Organisation | None = None
) -> Membership:
    """Check and save a membership; first its `organisation` when given (a member new to the
    portal, or one whose details changed with the membership). Raises a ValidationError and
    saves nothing when either is wrong."""
    if organisation is not None:
        organisation_save(organisation=organisation)
        membership.organisation = organisation
    membership.full_clean()
    membership.save()
    return membership
