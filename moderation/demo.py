"""Demo data for `manage.py seed_demo`: the queues filled from the demo platform.

The demo-platform account is pulled by metrics' seed through the real pull path. Every other
account with comments (not X, which only carries press releases) gets the demo platform's
posts of the last two weeks with their comments, the direct messages of the last week and, on
LinkedIn accounts, the last two weeks' mentions of the city in others' posts, through
the same ingest as the real platforms: triaged, timed and queued, re-timed around now so that the
queues hold new, due-soon and overdue comments. The förvaltningar's accounts the demo created are
connected to the demo platform, so every role can carry out every action. Rerunning changes nothing.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from django.utils import timezone

from accounts.demo import DEMO_PLATFORM_TOKEN
from accounts.models import Administration, SocialAccount
from helsocial.workdays import add_working_hours
from platforms.base import RemoteComment
from platforms.demo_platform import DemoClient
from platforms.models import AccountConnection
from platforms.services import account_connect, connection_for

from . import sla
from .ingest import comments_ingest
from .models import Comment, SavedReply
from .triage import ruleset_load

POST_DAYS = 14
MESSAGE_DAYS = 7


# Where the demo's comments fall due, in hours from now, in turn: the queues show a mix of
# overdue, due within the hour and due later, as on a working day.
DUE_SPREAD_HOURS = (-30.0, -3.0, -0.5, 0.25, 0.75, 1.5, 4.0, 8.0, 20.0, 30.0)
# A direct message can be answered for 24 hours (Meta's window): most of the demo's are written
# within it, one in the last half hour of it and one after it closed (the first of each account is
# due soon, at any hour: a comment is due in working hours only).
MESSAGE_HOURS_AGO = (23.6, 0.2, 12.0, 2.0, 30.0, 6.0, 20.0)


def _written_for_due(target: datetime, *, not_before: datetime) -> datetime:
    """The latest moment a comment can have been written to be due at `target` (a question's SLA
    in working hours), not before `not_before` (its post) and never in the future."""
    low, high = target - timedelta(days=30), target
    for _step in range(40):  # a minute's precision over a month
        middle = low + (high - low) / 2
        if sla.due_at(middle) <= target:
            low = middle
        else:
            high = middle
    return max(low, not_before)


def _spread(items: list[RemoteComment], *, posted: dict[str, datetime], now: datetime) -> list[RemoteComment]:
    """The demo platform's comments re-timed around now, in their order, so that the queues show a
    realistic mix of new, due soon and overdue (the platform's own times are days old)."""
    spread = []
    ordered = sorted(items, key=lambda item: (item.created_at, item.id))
    messages = 0
    for index, item in enumerate(ordered):
        if item.kind == Comment.Kind.MESSAGE:
            ago = timedelta(hours=MESSAGE_HOURS_AGO[messages % len(MESSAGE_HOURS_AGO)])
            messages += 1
            spread.append(dataclasses.replace(item, created_at=now - ago))
            continue
        hours = DUE_SPREAD_HOURS[index % len(DUE_SPREAD_HOURS)]
        # Due later counts in working time (at night "due soon" is the first hour of the next
        # working day); overdue in wall time.
        target = add_working_hours(now, hours) if hours > 0 else now + timedelta(hours=hours)
        earliest = posted.get(item.post_id or "", now - timedelta(days=POST_DAYS))
        written = min(_written_for_due(target, not_before=earliest + timedelta(minutes=5)), now)
        spread.append(dataclasses.replace(item, created_at=written))
    return spread


def _connect_demo_accounts() -> None:
    """The accounts the demo created for the förvaltningar hold the demo platform's token: record
    their connection as working, as connecting them would. Accounts anyone else made stay as they are."""
    for account in SocialAccount.objects.exclude(platform=SocialAccount.Platform.DEMO):
        if account.access_token != DEMO_PLATFORM_TOKEN:
            continue
        if connection_for(account).status != AccountConnection.Status.OK:
            account_connect(account=account, token=DEMO_PLATFORM_TOKEN, by=None, expires_at=None)


def seed(*, stdout=None, now: datetime | None = None) -> list[tuple[str, str]]:
    saved_replies_seed(stdout=stdout)
    _connect_demo_accounts()
    now = now or timezone.now()
    rules = ruleset_load()
    total = 0
    for account in SocialAccount.objects.exclude(platform=SocialAccount.Platform.X).select_related(
        "administration"
    ):
        client = DemoClient(account_key=f"{account.platform}:{account.handle or account.pk}", now=now)
        items = []
        posted = {}
        for post in client.posts_since(now - timedelta(days=POST_DAYS)):
            posted[post.id] = post.created_at
            items.extend(client.comments(post.id))
        items.extend(client.messages(now - timedelta(days=MESSAGE_DAYS)))
        # LinkedIn accounts are mentioned in others' posts now and then (the guideline's tip).
        items.extend(client.mentions(now - timedelta(days=POST_DAYS)))
        # What is stored already keeps its times: a second run changes nothing.
        stored = set(
            Comment.objects.filter(account=account, platform_id__in=[i.id for i in items]).values_list(
                "platform_id", flat=True
            )
        )
        items = _spread([i for i in items if i.id not in stored], posted=posted, now=now)
        if items:
            total += comments_ingest(account=account, items=items, rules=rules, now=now).created
    if stdout is not None:
        stdout.write(
            f"moderation: {total} new comments; {Comment.objects.open().count()} open in the queues."
        )
    return []


# Saved replies (svarsmallar) as a KC agent or an editor would keep them: content, so in Swedish.
# (administration short name or None for the whole city, title, text); the sign-off is added when
# the reply is sent, from the person's profile.
SAVED_REPLIES = [
    (
        None,
        "Tack för frågan – vi återkommer",
        "Hej! Tack för din fråga. Vi tar reda på svaret och återkommer till dig här så snart vi kan.",
    ),
    (
        None,
        "Hänvisa till kontaktcenter",
        "Hej! Det här hjälper Helsingborg kontaktcenter dig gärna med. Du når dem på telefon "
        "042-10 50 00 vardagar klockan 8–17, eller via helsingborg.se/kontakt.",
    ),
    (
        None,
        "Ta ärendet i ett privat meddelande",
        "Hej! Vi vill gärna hjälpa dig, men ditt ärende passar bättre i ett privat meddelande. "
        "Skriv till oss där, så tittar vi på det tillsammans.",
    ),
    (
        None,
        "Dold kommentar med personuppgifter",
        "Hej! Vi har dolt din kommentar eftersom den innehöll personuppgifter. Skriv gärna din fråga "
        "igen utan namn, telefonnummer eller adresser, så svarar vi dig här.",
    ),
    (
        None,
        "Tack för de fina orden",
        "Tack för dina fina ord! Vi blir glada och skickar dem vidare till dem som har gjort jobbet.",
    ),
    (
        "SOF",
        "Lovaktiviteter för barn och unga",
        "Hej! Alla lovaktiviteter för barn och unga finns samlade på helsingborg.se/lov. De flesta "
        "är gratis, och till några behöver du anmäla dig i förväg.",
    ),
    (
        "SOF",
        "Skolval",
        "Hej! På helsingborg.se/skolval läser du om hur skolvalet går till och vilka datum som "
        "gäller i år. Där gör du också ditt val.",
    ),
    (
        "MF",
        "Störning från buller eller lukt",
        "Hej! Tack för att du hör av dig. Anmäl gärna störningen i e-tjänsten på helsingborg.se, så "
        "kan våra inspektörer följa upp den.",
    ),
]


def saved_replies_seed(*, stdout=None) -> int:
    """The demo's saved replies, city-wide and per förvaltning; one already there is left as it is."""
    administrations = dict(Administration.objects.values_list("short_name", "pk"))
    created = 0
    for short_name, title, text in SAVED_REPLIES:
        if short_name is not None and short_name not in administrations:
            continue  # a förvaltning the demo does not have
        _reply, new = SavedReply.objects.get_or_create(
            administration_id=administrations.get(short_name), title=title, defaults={"text": text}
        )
        created += new
    if stdout is not None:
        stdout.write(f"moderation: {created} new saved replies.")
    return created
