import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from network.models import Organisation
from tests.factories import OrganisationFactory


@pytest.mark.django_db
def test_published_excludes_drafts_and_future_publish_times():
    """Only published records whose publish time has come are public."""
    public = OrganisationFactory(name="Public City")
    OrganisationFactory(name="Draft City", is_published=False)
    OrganisationFactory(name="Tomorrow City", publish_at=timezone.now() + dt.timedelta(days=1))
    assert list(Organisation.objects.published()) == [public]


@pytest.mark.django_db
def test_scheduled_record_becomes_public_when_its_time_comes():
    """Scheduled publishing needs no job: the record appears once publish_at has passed."""
    soon = OrganisationFactory(publish_at=timezone.now() + dt.timedelta(minutes=5))
    assert not soon.is_public
    Organisation.objects.filter(pk=soon.pk).update(
        publish_at=timezone.now() - dt.timedelta(seconds=1)
    )
    soon.refresh_from_db()
    assert soon.is_public and Organisation.objects.published().filter(pk=soon.pk).exists()


@pytest.mark.django_db
def test_draft_page_is_404_for_public_and_preview_for_staff(client, staff_client):
    """The public gets 404 for a draft; staff see it on the real page, marked as a draft."""
    draft = OrganisationFactory(name="Unpublished City", is_published=False)
    url = reverse("network:member-detail", kwargs={"slug": draft.slug})
    assert client.get(url).status_code == 404
    response = staff_client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Unpublished City" in content and "Draft preview" in content
