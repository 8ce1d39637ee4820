"""Demo data for `manage.py seed_demo`: the queues filled from the demo platform.

The demo-platform account is pulled by metrics' seed through the real pull path. Every other
account with comments (not X, which only carries press releases) gets the demo platform's
posts of the last two weeks with their comments, the direct messages of the last week and, on
LinkedIn accounts, the last two weeks' mentions of the city in others' posts, through
the same ingest as the real platforms: triaged, timed and queued. Rerunning changes nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import Administration, SocialAccount
from platforms.demo_platform import DemoClient

from .ingest import comments_ingest
from .models import Comment, SavedReply
from .triage import ruleset_load

POST_DAYS = 14
MESSAGE_DAYS = 7


def seed(*, stdout=None) -> list[tuple[str, str]]:
    saved_replies_seed(stdout=stdout)
    now = timezone.now()
    rules = ruleset_load()
    total = 0
    for account in SocialAccount.objects.exclude(platform=SocialAccount.Platform.X).select_related(
        "administration"
    ):
        client = DemoClient(account_key=f"{account.platform}:{account.handle or account.pk}", now=now)
        items = []
        for post in client.posts_since(now - timedelta(days=POST_DAYS)):
            items.extend(client.comments(post.id))
        items.extend(client.messages(now - timedelta(days=MESSAGE_DAYS)))
        # LinkedIn accounts are mentioned in others' posts now and then (the guideline's tip).
        items.extend(client.mentions(now - timedelta(days=POST_DAYS)))
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
