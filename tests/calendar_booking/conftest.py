import pytest

from accounts.models import Role
from calendar_booking.models import ChannelRule
from tests.factories import SocialAccountFactory, UserFactory


@pytest.fixture
def instagram(city_administration):
    return SocialAccountFactory(
        administration=city_administration, name="Helsingborgs stad", is_citywide=True, platform="instagram"
    )


@pytest.fixture
def rule(citywide_account):
    return ChannelRule.objects.create(
        account=citywide_account, slot_minutes=60, min_gap_minutes=60, max_posts_per_day=3
    )


@pytest.fixture
def other_communicator(other_administration):
    return UserFactory(
        username="other_communicator", first_name="Olle", roles=[(Role.COMMUNICATOR, other_administration)]
    )
