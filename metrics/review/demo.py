"""Demo data for the account review: accounts whose facts put each criterion in each state, for
reasons a communicator recognises, and 13 months of stored states.

Called from metrics/demo.py after the figures. Idempotent: every row it writes has a fixed key (a
post's or comment's platform id beginning "review-demo-", the account's name and platform), so a
rerun moves the same rows to today's dates instead of adding new ones. Figures of the city-wide
accounts are only added where no other demo wrote that month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from accounts.demo import DEMO_PLATFORM_TOKEN
from accounts.models import AccountEditor, Administration, Role, RoleAssignment, SocialAccount, User
from calendar_booking.models import Booking, BookingSlot, Category, Objective
from calendar_booking.models import Status as SlotStatus
from moderation.models import Comment
from platforms.models import PlatformPost

from . import services

PREFIX = "review-demo-"
GOAL = "Fler invånare ska känna till och använda verksamhetens tjänster."
TARGET = "Invånare i Helsingborg"


@dataclass(frozen=True)
class Profile:
    name: str
    platform: str
    administration: str  # short name
    editor: str | None  # username of an editor who logs in, or "inaktiv"
    purpose: str
    goal: str = GOAL
    target_group: str = TARGET
    end_in_days: int | None = None  # end date, days from today (negative: passed)
    end_plan: str = ""
    posts: int = 0  # posts between last_days_ago and first_days_ago
    last_days_ago: int = 1
    first_days_ago: int = 400
    booked_share: float = 0.0
    questions: int = 0  # questions in the last 60 days ...
    in_time: int = 0  # ... answered within the promise
    overdue: int = 0  # ... still open past their due time
    engagement: float | None = None  # the last three months
    engagement_before: float | None = None  # the nine before
    followers_now: int | None = None
    followers_year_ago: int | None = None
    figures_months: tuple[int, int] = (1, 12)  # months back with figures (from, to)
    citywide: bool = False


# Each criterion in each state: Aktivt green (bibliotek, stadsbyggnad, äldreomsorg), amber
# (fritidsgårdar), red (simhall, sommarlov); Effektivt green / amber (fritidsgårdar, sommarlov) /
# red (simhall); Långsiktigt green / amber (stadsbyggnad: ends, with a plan; äldreomsorg: few
# followers beside the city's account) / red (simhall: ends without a plan; sommarlov: ended).
PROFILES = [
    Profile(
        "Helsingborgs stadsbibliotek", "facebook", "KF", "sara",
        "Boktips, evenemang och bibliotekets digitala tjänster.",
        posts=230, last_days_ago=1, booked_share=0.7, questions=20, in_time=19,
        engagement=0.031, engagement_before=0.028, followers_now=14200, followers_year_ago=13100,
    ),
    Profile(
        "Fritidsgårdarna i Helsingborg", "instagram", "SOF", "nils",
        "Vad som händer på stadens fritidsgårdar.", goal="",
        posts=90, last_days_ago=9, first_days_ago=500, booked_share=0.35, questions=12, in_time=10,
        overdue=2, engagement=0.026, engagement_before=0.041, followers_now=3100, followers_year_ago=3230,
    ),
    Profile(
        "Simhallsbygget 2026", "facebook", "SBF", "inaktiv", "",
        end_in_days=150,
        posts=12, last_days_ago=34, first_days_ago=200, booked_share=0.0, questions=9, in_time=4,
        overdue=8, engagement=0.003, engagement_before=0.006, followers_now=480, followers_year_ago=590,
    ),
    Profile(
        "Stadsbyggnad Helsingborg", "linkedin", "SBF", "johan",
        "Detaljplaner, samråd och stadsutveckling för fackfolk och intresserade.",
        end_in_days=240,
        end_plan="Kontot stängs när H+-projektet är klart; "
        "följarna hänvisas till Helsingborgs stad på LinkedIn.",
        posts=70, last_days_ago=3, booked_share=0.6, questions=4, in_time=4,
        engagement=0.022, engagement_before=0.02, followers_now=2400, followers_year_ago=2100,
    ),
    Profile(
        "Äldreomsorgen Helsingborg", "facebook", "VOF", "amira",
        "Information till anhöriga och seniorer om stadens äldreomsorg.",
        posts=180, last_days_ago=2, booked_share=0.55, questions=30, in_time=29,
        engagement=0.024, engagement_before=0.022, followers_now=900, followers_year_ago=820,
    ),
    Profile(
        "Sommarlov i Helsingborg 2025", "instagram", "SOF", "nils",
        "Aktiviteter för barn och unga under sommarlovet 2025.",
        end_in_days=-95, end_plan="Kontot ska stängas efter sommarlovet.",
        posts=40, last_days_ago=100, first_days_ago=190, booked_share=0.8,
        engagement=0.03, engagement_before=0.03, followers_now=1500, followers_year_ago=None,
        figures_months=(4, 6),
    ),
    # The city-wide accounts, to compare with: their figures only where no other demo gave them.
    Profile(
        "Helsingborgs stad", "facebook", "SLF", "webbredaktion", "", posts=260, last_days_ago=0,
        booked_share=0.8, questions=60, in_time=57, overdue=1, engagement=0.021,
        engagement_before=0.02, followers_now=62000, followers_year_ago=59000, citywide=True,
    ),
    Profile(
        "Helsingborgs stad", "instagram", "SLF", "webbredaktion", "", posts=170, last_days_ago=1,
        booked_share=0.75, questions=25, in_time=24, engagement=0.035, engagement_before=0.033,
        followers_now=41000, followers_year_ago=37000, citywide=True,
    ),
    Profile(
        "Helsingborgs stad", "linkedin", "SLF", "webbredaktion", "", posts=90, last_days_ago=2,
        booked_share=0.7, engagement=0.018, engagement_before=0.017, followers_now=25000,
        followers_year_ago=22000, citywide=True,
    ),
]  # fmt: skip

# (username, first name, last name, administration short name); logged in two days ago at each seed.
EDITORS = [
    ("sara", "Sara", "Lund", "KF"),
    ("nils", "Nils", "Åberg", "SOF"),
    ("johan", "Johan", "Persson", "SBF"),
    ("amira", "Amira", "Haddad", "VOF"),
    ("webbredaktion", "Webbredaktionen", "", "SLF"),
]


def _months_back(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 - n
    return date(index // 12, index % 12 + 1, 1)


def _at(now: datetime, days_ago: float, hour: int = 10) -> datetime:
    day = timezone.localdate(now) - timedelta(days=int(days_ago))
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _editors(admins: dict[str, Administration], now: datetime) -> dict[str, User]:
    users = {}
    for username, first, last, short in EDITORS:
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "title": "redaktör",
                "email": f"{username}@helsingborg.se",
                "last_login": now - timedelta(days=2),
            },
        )
        if _created:  # they only appear as editors: nobody logs in as them
            user.set_unusable_password()
            user.save(update_fields=["password"])
        RoleAssignment.objects.get_or_create(user=user, role=Role.EDITOR, administration=admins[short])
        users[username] = user
    inactive = User.objects.filter(username="inaktiv").first()
    if inactive is not None:
        users["inaktiv"] = inactive
    return users


def _account(profile: Profile, admins: dict[str, Administration]) -> SocialAccount:
    today = timezone.localdate()
    if profile.citywide:
        return SocialAccount.objects.filter(
            name=profile.name, platform=profile.platform, is_citywide=True
        ).first()
    values = {
        "administration": admins[profile.administration],
        "handle": profile.name.lower().replace(" ", "")[:40],
        "purpose": profile.purpose,
        "goal": profile.goal,
        "target_group": profile.target_group,
        "end_date": today + timedelta(days=profile.end_in_days) if profile.end_in_days is not None else None,
        "end_plan": profile.end_plan,
    }
    # Connected to the demo platform when the demo makes it, as the other demo accounts are, so that
    # every role can act on its comments (accounts/demo.py); an existing row keeps its token.
    account, _created = SocialAccount.objects.update_or_create(
        name=profile.name,
        platform=profile.platform,
        defaults=values,
        create_defaults={**values, "access_token": DEMO_PLATFORM_TOKEN},
    )
    # An account created years ago; the inventory's own date is when the row was made.
    SocialAccount.objects.filter(pk=account.pk).update(created_at=timezone.now() - timedelta(days=900))
    return account


def _posts(account: SocialAccount, profile: Profile, booking: Booking, now: datetime) -> None:
    span = profile.first_days_ago - profile.last_days_ago
    ids = []
    for n in range(profile.posts):
        days_ago = profile.last_days_ago + (span * n / max(profile.posts - 1, 1))
        pid = f"{PREFIX}{account.pk}-{n}"
        ids.append(pid)
        PlatformPost.objects.update_or_create(
            account=account,
            platform_id=pid,
            defaults={
                # Never in the future: a post "published" today at 18 when seeded in the morning.
                "created_at": min(_at(now, days_ago, 18 + n % 4), now - timedelta(hours=1)),
                "text": f"Inlägg {n + 1} från {account.name}.",
            },
        )
    # The booked share: every k-th post was published in a booked slot.
    BookingSlot.objects.filter(booking=booking).delete()
    booked = round(profile.posts * profile.booked_share)
    for n in range(booked):
        post = PlatformPost.objects.get(account=account, platform_id=ids[n])
        slot = BookingSlot(
            booking=booking,
            account=account,
            starts_at=post.created_at,
            ends_at=post.created_at + timedelta(minutes=30),
            blocked_until=post.created_at + timedelta(minutes=30),
            status=SlotStatus.PUBLISHED,
            post_platform_id=post.platform_id,
            published_at=post.created_at,
        )
        try:
            with transaction.atomic():  # a slot the calendar's demo booked at that time wins
                slot.save()
        except IntegrityError:
            continue


def _comments(account: SocialAccount, profile: Profile, now: datetime) -> None:
    if not profile.citywide:
        # Moderation's demo fills every account's queue from the demo platform on a rerun; these
        # accounts tell their own story, so only their own questions stay.
        try:
            with transaction.atomic():
                Comment.objects.filter(account=account).exclude(platform_id__startswith=PREFIX).delete()
        except ProtectedError:  # someone acted on one (evidence kept): leave them all
            pass
    for n in range(profile.questions):
        received = _at(now, 5 + (n * 55 / max(profile.questions, 1)), 9 + n % 7)
        due = received + timedelta(days=1)
        if n < profile.in_time:
            status, answered = Comment.Status.ANSWERED, received + timedelta(hours=2 + n % 5)
        elif n < profile.in_time + profile.overdue:
            status, answered = Comment.Status.OPEN, None
        else:
            status, answered = Comment.Status.ANSWERED, received + timedelta(days=3)
        Comment.objects.update_or_create(
            account=account,
            platform_id=f"{PREFIX}{account.pk}-c{n}",
            defaults={
                "kind": Comment.Kind.COMMENT,
                "post_platform_id": f"{PREFIX}{account.pk}-0",
                "author_name": "Invånare",
                "text": "Hej! När har ni öppet i helgen?",
                "created_at": received,
                "received_at": received,
                "labels": ["question"],
                "suggested_action": "answer",
                "status": status,
                "answered_at": answered,
                "due_at": due,
                "sort_at": due,
                "queue_administration": account.administration,
            },
        )


def _figures(account: SocialAccount, profile: Profile, now: datetime) -> None:
    if profile.engagement is None:
        return
    current = timezone.localdate(now).replace(day=1)
    first, last = profile.figures_months
    for back in range(first, last + 1):
        month = _months_back(current, back)
        rate = profile.engagement if back <= 3 else profile.engagement_before
        if profile.followers_year_ago is None:
            followers = profile.followers_now
        else:
            share = (back - 1) / 11
            followers = round(
                profile.followers_now + (profile.followers_year_ago - profile.followers_now) * share
            )
        values = {
            "followers": followers,
            "interactions": round(rate * followers),
            "engagement_rate": rate,
            "posts_published": max(profile.posts // 13, 1),
            "settled": True,
            "computed_at": now,
        }
        if profile.citywide:
            _rollups().objects.get_or_create(account=account, subject="", month=month, defaults=values)
        else:
            _rollups().objects.update_or_create(account=account, subject="", month=month, defaults=values)


@transaction.atomic
def seed(*, stdout=None) -> None:
    admins = {a.short_name: a for a in Administration.objects.all()}
    if not all(p.administration in admins for p in PROFILES):
        return  # the accounts' demo has not run
    now = timezone.now()
    users = _editors(admins, now)
    author = User.objects.filter(username="kommunikator").first() or users["webbredaktion"]
    for profile in PROFILES:
        account = _account(profile, admins)
        if account is None:
            continue
        editor = users.get(profile.editor or "")
        if editor is not None:
            AccountEditor.objects.get_or_create(account=account, user=editor)
            RoleAssignment.objects.get_or_create(
                user=editor, role=Role.EDITOR, administration=account.administration
            )
        booking, _created = Booking.objects.get_or_create(
            title=f"Planerade inlägg: {account.name} ({account.get_platform_display()})",
            defaults={
                "administration": account.administration,
                "author": author,
                "objective": Objective.INFORM,
                "category": Category.TIPS,
                "target_group": account.target_group or TARGET,
                "status": SlotStatus.PUBLISHED,
            },
        )
        _posts(account, profile, booking, now)
        _comments(account, profile, now)
        _figures(account, profile, now)
    # Today's states, and one a month back for the history on each account's page.
    for back in range(12, 0, -1):
        services.review_store(now=now - timedelta(days=30 * back))
    count = services.review_store(now=now)
    if stdout is not None:
        stdout.write(f"metrics: the account review judged {count} accounts")


def _rollups():
    # The metrics app's own table: looked up, not imported, as metrics.models imports this package.
    return apps.get_model("metrics", "MonthlyRollup")
