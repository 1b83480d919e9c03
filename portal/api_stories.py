"""API v1 for stories: published highlights and news items, by date, newest first."""

from django.db.models import Prefetch
from rest_framework import serializers

from core.api import (
    PUBLIC,
    DirectFieldsMixin,
    PageField,
    PublicSlugField,
    PublicSourceField,
    ReadOnlyViewSet,
    SlugIdentityField,
    SlugListField,
    narrowed,
    of,
)
from portal import queries
from portal.filters import StoryFilter
from portal.models import Story, StoryImage


class StoryImageSerializer(DirectFieldsMixin, serializers.Serializer):
    image = serializers.SerializerMethodField(help_text="Absolute address of the image.")
    caption = serializers.CharField()
    credit = serializers.CharField()
    alt_text = serializers.CharField()

    def get_image(self, image) -> str:
        return self.context["request"].build_absolute_uri(image.image.url)


class StorySerializer(DirectFieldsMixin, serializers.ModelSerializer):
    url = SlugIdentityField("api:story-detail")
    page = PageField("portal:story-detail", help_text="The story's public page.")
    network = PublicSlugField()
    projects = SlugListField(source="project_list")
    organisations = SlugListField(source="organisation_list")
    images = StoryImageSerializer(source="image_list", many=True, read_only=True)
    source = PublicSourceField()
    when = serializers.CharField(read_only=True, help_text="The date as the pages show it.")
    period = serializers.CharField(
        read_only=True,
        help_text="The date at the precision known: 2022-12-11, 2022-12, 2022-Q4 or 2022.",
    )

    class Meta:
        model = Story
        fields = [
            "slug",
            "url",
            "page",
            "title",
            "date",
            "date_precision",
            "when",
            "period",
            "summary",
            "body",
            "network",
            "projects",
            "organisations",
            "images",
            "source",
            "updated_at",
        ]


# The columns the serializer shows (core.api.narrowed).
STORY_COLUMNS = (
    "slug",
    "title",
    "date",
    "date_precision",
    "summary",
    "body",
    "source",
    "updated_at",
    *of("network", "slug", *PUBLIC),
)


class StoryViewSet(ReadOnlyViewSet):
    """Published stories, newest first."""

    queryset = Story.objects.none()
    serializer_class = StorySerializer
    filterset_class = StoryFilter

    def get_queryset(self):
        # The images into a list: through the relation's cache, a manager and a queryset per story.
        images = Prefetch("images", queryset=StoryImage.objects.all(), to_attr="image_list")
        return narrowed(
            queries.with_story_links(queries.published_stories()),
            STORY_COLUMNS,
            without=("images",),
            project_list=("slug",),
            organisation_list=("slug",),
        ).prefetch_related(images)


def register(router):
    router.register("stories", StoryViewSet, basename="story")
