"""API v1 for stories: published highlights and news items, by date, newest first."""

import django_filters
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import ReadOnlyViewSet
from core.filters import UpdatedSinceFilterMixin, YearFilter, year_schema
from network.filters import published_networks
from network.models import Organisation, Project
from portal.models import Story


class StoryImageSerializer(serializers.Serializer):
    image = serializers.SerializerMethodField(help_text="Absolute address of the image.")
    caption = serializers.CharField()
    credit = serializers.CharField()
    alt_text = serializers.CharField()

    def get_image(self, image) -> str:
        return self.context["request"].build_absolute_uri(image.image.url)


class StorySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:story-detail", lookup_field="slug")
    page = serializers.SerializerMethodField(help_text="The story's public page.")
    network = serializers.SerializerMethodField()
    projects = serializers.SerializerMethodField()
    organisations = serializers.SerializerMethodField()
    images = StoryImageSerializer(many=True, read_only=True)

    class Meta:
        model = Story
        fields = [
            "slug",
            "url",
            "page",
            "title",
            "date",
            "summary",
            "body",
            "network",
            "projects",
            "organisations",
            "images",
            "source",
            "updated_at",
        ]

    def get_page(self, story) -> str:
        return self.context["request"].build_absolute_uri(story.get_absolute_url())

    def get_projects(self, story) -> list[str]:
        return [project.slug for project in story.project_list]

    def get_organisations(self, story) -> list[str]:
        return [organisation.slug for organisation in story.organisation_list]

    def get_network(self, story) -> str | None:
        network = story.network
        return network.slug if network is not None and network.is_public else None


class StoryFilter(UpdatedSinceFilterMixin):
    network = django_filters.ModelChoiceFilter(
        to_field_name="slug", queryset=published_networks, label=_("Network")
    )
    year = YearFilter(method="filter_year", label=_("Year"))
    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=200)

    class Meta:
        model = Story
        fields = ["network", "year", "q", "updated_since"]

    @year_schema
    def filter_year(self, queryset, name, value):
        return queryset.filter(date__year=int(value))

    def filter_search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
            )
        return queryset


class StoryViewSet(ReadOnlyViewSet):
    """Published stories, newest first."""

    queryset = Story.objects.none()
    serializer_class = StorySerializer
    filterset_class = StoryFilter

    def get_queryset(self):
        return (
            Story.objects.published()
            .select_related("network")
            .prefetch_related(
                "images",
                Prefetch(
                    "projects",
                    queryset=Project.objects.published().order_by("title"),
                    to_attr="project_list",
                ),
                Prefetch(
                    "organisations",
                    queryset=Organisation.objects.published().order_by("name"),
                    to_attr="organisation_list",
                ),
            )
            .order_by("-date", "title", "pk")
        )


def register(router):
    router.register("stories", StoryViewSet, basename="story")
