"""factory_boy factories, one module per app; import them from here."""

from tests.factories.events import (  # noqa: F401, E402
    EventFactory,
    EventPlaceFactory,
    EventSeriesFactory,
)
from tests.factories.network import (  # noqa: F401
    CityPairingFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    RegionFactory,
    SeatFactory,
    TermFactory,
)
from tests.factories.portal import StoryFactory  # noqa: F401, E402
from tests.factories.publications import (  # noqa: F401, E402
    EditionFactory,
    PublicationFactory,
    SeriesFactory,
)
