"""Report groups belong to a network; an event's group sits on its link to each network.

The links keep their table (events_event_networks, now the EventNetwork model) and every row;
each network that has events in one of the old global groups gets a group of that name, and
the event's link to that network is put in it, so every report lists what it listed before.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from staff.roles import grant_to_roles

# The global groups this replaces (value, heading), in the order the reports listed them.
OLD_GROUPS = [
    ("webinars", "Webinars"),
    ("trainings", "Trainings"),
    ("forums", "Forums"),
    ("courses", "Courses"),
    ("meetings", "Meetings"),
    ("study-visits", "Study visits"),
    ("other", "Other activities"),
]


def groups_per_network(apps, schema_editor):
    EventNetwork = apps.get_model("events", "EventNetwork")
    ReportGroup = apps.get_model("events", "ReportGroup")
    headings = dict(OLD_GROUPS)
    order = {value: index for index, (value, _) in enumerate(OLD_GROUPS)}
    used = (
        EventNetwork.objects.exclude(event__report_group="")
        .values_list("network_id", "event__report_group")
        .distinct()
    )
    for network_id, value in sorted(set(used)):
        group = ReportGroup.objects.create(
            network_id=network_id,
            name=headings.get(value, value),
            slug=value,
            order=order.get(value, len(OLD_GROUPS)),
        )
        EventNetwork.objects.filter(network_id=network_id, event__report_group=value).update(
            report_group=group
        )


def one_group_per_event(apps, schema_editor):
    """Back to one global group: the first link's, if it is one of the old ones."""
    Event = apps.get_model("events", "Event")
    EventNetwork = apps.get_model("events", "EventNetwork")
    links = EventNetwork.objects.filter(report_group__slug__in=[v for v, _ in OLD_GROUPS])
    for event_id, slug in links.order_by("pk").values_list("event_id", "report_group__slug"):
        Event.objects.filter(pk=event_id, report_group="").update(report_group=slug)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0008_time_scope"),
        ("network", "0005_sitemap_latest_change_indexes"),
        ("staff", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The network's own groups.
        migrations.CreateModel(
            name="ReportGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="The heading as the network's report prints it.",
                        max_length=200,
                        verbose_name="name",
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        allow_unicode=True,
                        blank=True,
                        help_text="The group's value in the events filter (?group=trainings). Made from the name if left empty.",
                        max_length=100,
                        verbose_name="slug",
                    ),
                ),
                (
                    "order",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="The network's reports list their groups in this order, lowest first.",
                        verbose_name="order",
                    ),
                ),
                (
                    "network",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="report_groups",
                        to="network.network",
                        verbose_name="network",
                    ),
                ),
            ],
            options={
                "verbose_name": "report group",
                "verbose_name_plural": "report groups",
                "ordering": ["network", "order", "name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("network", "name"), name="report_group_unique_name"
                    ),
                    models.UniqueConstraint(
                        fields=("network", "slug"), name="report_group_unique_slug"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalReportGroup",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="The heading as the network's report prints it.",
                        max_length=200,
                        verbose_name="name",
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        allow_unicode=True,
                        blank=True,
                        help_text="The group's value in the events filter (?group=trainings). Made from the name if left empty.",
                        max_length=100,
                        verbose_name="slug",
                    ),
                ),
                (
                    "order",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="The network's reports list their groups in this order, lowest first.",
                        verbose_name="order",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "network",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="network.network",
                        verbose_name="network",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical report group",
                "verbose_name_plural": "historical report groups",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        # The many-to-many's own table becomes the EventNetwork model: state only, same rows.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EventNetwork",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "event",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="network_links",
                                to="events.event",
                                verbose_name="event",
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="event_links",
                                to="network.network",
                                verbose_name="network",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "network of the event",
                        "verbose_name_plural": "networks of the event",
                        "db_table": "events_event_networks",
                        "unique_together": {("event", "network")},
                    },
                ),
                migrations.AlterField(
                    model_name="event",
                    name="networks",
                    field=models.ManyToManyField(
                        help_text="Every network that runs or reports it; one event may belong to several.",
                        related_name="events",
                        through="events.EventNetwork",
                        to="network.network",
                        verbose_name="organising networks",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="eventnetwork",
            name="report_group",
            field=models.ForeignKey(
                blank=True,
                help_text="The heading this network's annual report lists the event under (one of this network's groups). Empty: listed under 'Other activities'.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="event_links",
                to="events.reportgroup",
                verbose_name="report group",
            ),
        ),
        # The links' history (django-simple-history) follows the model's name, rows kept.
        migrations.RenameModel(
            old_name="HistoricalEvent_networks", new_name="HistoricalEventNetwork"
        ),
        migrations.AlterModelOptions(
            name="historicaleventnetwork",
            options={"verbose_name": "HistoricalEventNetwork"},
        ),
        migrations.AlterField(
            model_name="historicaleventnetwork",
            name="event",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="events.event",
                verbose_name="event",
            ),
        ),
        migrations.AlterField(
            model_name="historicaleventnetwork",
            name="network",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="network.network",
                verbose_name="network",
            ),
        ),
        migrations.AddField(
            model_name="historicaleventnetwork",
            name="report_group",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The heading this network's annual report lists the event under (one of this network's groups). Empty: listed under 'Other activities'.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="events.reportgroup",
                verbose_name="report group",
            ),
        ),
        migrations.RunPython(groups_per_network, one_group_per_event),
        migrations.RemoveIndex(model_name="event", name="event_report_group"),
        migrations.RemoveField(model_name="event", name="report_group"),
        migrations.RemoveField(model_name="historicalevent", name="report_group"),
        # Staff edit the groups and each event's link rows (staff 0001 ran before they existed).
        migrations.RunPython(
            grant_to_roles("events", ("reportgroup", "eventnetwork")), migrations.RunPython.noop
        ),
    ]
