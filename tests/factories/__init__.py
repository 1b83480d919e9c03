"""factory_boy factories, one module per app; import them from here."""

from tests.factories.events import (  # noqa: F401, E402
    EventFactory,
    EventPlaceFactory,
    EventSeriesFactory,
    EventSessionFactory,
)
from tests.factories.network import (  # noqa: F401
    CityPairingFactory,
    ClusterFactory,
    ClusterLeadFactory,
    GovernanceBodyFactory,
    MembershipFactory,
    NationalChapterFactory,
    NetworkFactory,
    NetworkPartnerFactory,
    OfficeFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    RegionFactory,
    SeatFactory,
    StaffPositionFactory,
    StatedFigureFactory,
    TermFactory,
    ThemeFactory,
)
from tests.factories.portal import AnnualReportFactory, StoryFactory  # noqa: F401, E402
from tests.factories.publications import (  # noqa: F401, E402
    EditionFactory,
    PublicationFactory,
    SeriesFactory,
)
