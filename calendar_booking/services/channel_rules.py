"""AKN's rules per account: slot length, gap, posts per day, hours, the Friday rule's hardness."""

from __future__ import annotations

from accounts.models import SocialAccount, User

from ..models import ChannelRule


def channel_rule_save(*, by: User, account: SocialAccount, values: dict) -> ChannelRule:
    """`account` comes from `access_channel_rule_account(..., for_update=True)`: a booking on the
    account, which locks it too, is checked against the old rule or the new, never half of each."""
    rule, _created = ChannelRule.objects.update_or_create(
        account=account, defaults={**values, "updated_by": by}
    )
    return rule
