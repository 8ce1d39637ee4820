"""The data set of quality.md ("Scale the portal is built for"), generated into PostgreSQL with COPY.

    DATABASE_URL=postgres://…/helsocial_bench_l python -m benchmarks.datagen --size L

`make bench` loads size S and size L into two databases (scripts/bench.sh) and the benchmarks
compare the same page on both. Loading is idempotent per size: every table a loader fills is
truncated first (RESTART IDENTITY CASCADE), then reloaded, in one transaction.

Adding a table (bookings, platform posts, comments, metric snapshots …): write one function below,
decorated with `@loader(Model, …)` in dependency order, that generates its rows as tuples in id
order from `ctx.scale` and `ctx.rng` (ids are 1..n, so foreign keys are computed, never looked
up), COPYs them with `copy_model()` and returns `{table: rows}`. Use generators, not lists: at size
L there are millions of rows. Columns you leave out get the model field's default.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from typing import Any, TextIO
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Scale:
    administrations: int
    accounts: int
    bookings: int
    posts: int
    comments: int
    snapshots: int
    # People per förvaltning besides the editors (one per account): a lead and communicators.
    communicators_per_administration: int = 3


SCALES = {
    "S": Scale(
        administrations=3, accounts=30, bookings=2_000, posts=5_000, comments=20_000, snapshots=50_000
    ),
    "L": Scale(
        administrations=300,
        accounts=3_000,
        bookings=200_000,
        posts=500_000,
        comments=2_000_000,
        snapshots=5_000_000,
    ),
}

# The people the benchmarks log in as (see harness.login).
AKN_USERNAME = "bench-akn"
KC_USERNAME = "bench-kc"


def lead_username(administration_id: int) -> str:
    return f"lead-{administration_id:04d}"


def communicator_username(administration_id: int, number: int) -> str:
    return f"communicator-{administration_id:04d}-{number:03d}"


def editor_username(administration_id: int, number: int) -> str:
    return f"editor-{administration_id:04d}-{number:03d}"


@dataclass
class Context:
    scale: Scale
    cursor: Any  # a psycopg 3 cursor inside the load's transaction
    rng: random.Random
    now: datetime
    # What earlier loaders made that later ones need (counts, id ranges), by name.
    made: dict[str, Any] = field(default_factory=dict)


Loader = Callable[[Context], dict[str, int]]
LOADERS: list[tuple[Loader, tuple[str, ...]]] = []


def loader(*models: str) -> Callable[[Loader], Loader]:
    """Register a loader of `models`' tables ("app_label.Model"); loaders run in definition order."""

    def register(function: Loader) -> Loader:
        LOADERS.append((function, models))
        return function

    return register


class DatagenError(Exception):
    pass


def copy_model(ctx: Context, model: type, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
    """COPY `rows` (tuples of database values for `columns`) into `model`'s table.

    Every other column gets its field's default, computed once: a new NOT NULL field without a
    default stops the load with its name instead of a COPY error.
    """
    from django.db import connection
    from psycopg import sql

    fixed_columns, fixed_values = [], []
    for model_field in model._meta.local_concrete_fields:
        if model_field.column in columns or model_field.primary_key:
            continue
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            value = ctx.now
        elif model_field.has_default() or (model_field.empty_strings_allowed and not model_field.null):
            value = model_field.get_db_prep_save(model_field.get_default(), connection)
        elif model_field.null:
            value = None
        else:
            raise DatagenError(
                f"{model.__name__}.{model_field.name} needs a value: add it to the loader's columns"
            )
        fixed_columns.append(model_field.column)
        fixed_values.append(value)
    fixed = tuple(fixed_values)
    table = model._meta.db_table
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, (*columns, *fixed_columns)))
    )
    count = 0
    with ctx.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row + fixed)
            count += 1
    if "id" in columns:
        # Rows created later the normal way continue after the loaded ids.
        ctx.cursor.execute(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence({}, 'id'), GREATEST(COALESCE(MAX(id), 0), 1)) FROM {}"
            ).format(sql.Literal(table), sql.Identifier(table))
        )
    return count


# --- loaders, in dependency order -------------------------------------------------------------------


@loader("accounts.Administration")
def load_administrations(ctx: Context) -> dict[str, int]:
    from accounts.models import Administration

    n = ctx.scale.administrations
    rows = (
        (i, f"Förvaltning {i:04d}", f"F{i}", f"forvaltning{i}@example.se", "042-10 50 00", True, ctx.now)
        for i in range(1, n + 1)
    )
    columns = ("id", "name", "short_name", "email", "phone", "is_active", "created_at")
    ctx.made["administrations"] = n
    return {Administration._meta.db_table: copy_model(ctx, Administration, columns, rows)}


@loader("accounts.User", "accounts.RoleAssignment")
def load_people(ctx: Context) -> dict[str, int]:
    """AKN and KC; per förvaltning a lead, communicators and one editor per account."""
    from accounts.models import RoleAssignment, User

    scale = ctx.scale
    per_administration = accounts_per_administration(scale)
    users: list[tuple] = []
    roles: list[tuple] = []
    recent = ctx.now - timedelta(days=2)

    def person(username: str, first: str, title: str, last_login: datetime | None) -> int:
        user_id = len(users) + 1
        users.append(
            (
                user_id,
                "!",
                last_login,
                False,
                username,
                first,
                "Bench",
                f"{username}@example.se",
                False,
                True,
                ctx.now,
                title,
                "",
            )
        )
        return user_id

    roles.append((person(AKN_USERNAME, "Agnes", "kommunikationsstrateg", recent), "akn", None, ctx.now))
    roles.append((person(KC_USERNAME, "Karim", "kundtjänsthandläggare", recent), "kc", None, ctx.now))
    editors: dict[int, list[int]] = {}
    bookers: dict[int, list[int]] = {}
    for a in range(1, scale.administrations + 1):
        lead_id = person(lead_username(a), "Lena", "kommunikationschef", recent)
        roles.append((lead_id, "lead", a, ctx.now))
        bookers[a] = [lead_id]
        for c in range(1, scale.communicators_per_administration + 1):
            communicator_id = person(communicator_username(a, c), "Louise", "kommunikatör", recent)
            roles.append((communicator_id, "communicator", a, ctx.now))
            bookers[a].append(communicator_id)
        editors[a] = []
        for e in range(1, per_administration + 1):
            # One editor in five has not logged in for half a year: their accounts are flagged.
            last_login = ctx.now - timedelta(days=180) if ctx.rng.random() < 0.2 else recent
            if e == 1:
                last_login = recent  # the benchmarks' editor
            user_id = person(editor_username(a, e), "Erik", "redaktör", last_login)
            roles.append((user_id, "editor", a, ctx.now))
            editors[a].append(user_id)
    ctx.made["editors"] = editors
    ctx.made["bookers"] = bookers
    user_columns = (
        "id", "password", "last_login", "is_superuser", "username", "first_name", "last_name", "email",
        "is_staff", "is_active", "date_joined", "title", "signoff",
    )  # fmt: skip
    role_rows = ((i, *row) for i, row in enumerate(roles, start=1))
    return {
        User._meta.db_table: copy_model(ctx, User, user_columns, users),
        RoleAssignment._meta.db_table: copy_model(
            ctx, RoleAssignment, ("id", "user_id", "role", "administration_id", "created_at"), role_rows
        ),
    }


PLATFORMS = ("facebook", "instagram", "linkedin", "x", "facebook", "instagram")


@loader("accounts.SocialAccount", "accounts.AccountEditor")
def load_accounts(ctx: Context) -> dict[str, int]:
    """Accounts spread evenly over the förvaltningar; one in a hundred is city-wide; one to two
    editors each, from the account's own förvaltning."""
    from accounts.models import AccountEditor, SocialAccount

    scale = ctx.scale
    per_administration = accounts_per_administration(scale)
    citywide = max(1, scale.accounts // 100)
    editors = ctx.made["editors"]
    links: list[tuple] = []

    def accounts():
        for i in range(1, scale.accounts + 1):
            a = (i - 1) // per_administration + 1
            k = (i - 1) % per_administration
            platform = PLATFORMS[i % len(PLATFORMS)]
            own = editors[a]
            links.append((len(links) + 1, i, own[k], None, ctx.now))
            if ctx.rng.random() < 0.3:
                links.append((len(links) + 1, i, own[(k + 1) % len(own)], None, ctx.now))
            yield (
                i, a, f"Konto {i:05d} {platform}", platform, f"konto{i}", f"https://example.se/konto{i}",
                str(10_000_000 + i), i <= citywide, "open" if i % 7 else "closed",
                "Information och dialog med invånarna.", "Fler invånare hittar rätt.",
                "Invånare i Helsingborg.", None, "", None, ctx.now, ctx.now,
            )  # fmt: skip

    columns = (
        "id", "administration_id", "name", "platform", "handle", "url",
        "platform_id", "is_citywide", "visibility",
        "purpose", "goal", "target_group",
        "end_date", "access_token", "token_expires_at", "created_at", "updated_at",
    )  # fmt: skip
    loaded = {SocialAccount._meta.db_table: copy_model(ctx, SocialAccount, columns, accounts())}
    loaded[AccountEditor._meta.db_table] = copy_model(
        ctx, AccountEditor, ("id", "account_id", "user_id", "appointed_by_id", "appointed_at"), links
    )
    return loaded


BOOKING_TITLES = (
    "Sportlovet: gratis aktiviteter för alla barn",
    "Nu öppnar ansökan till förskolan",
    "Eldningsförbud i hela kommunen",
    "Kulturnatten: hela programmet",
    "Vi bygger om stationsområdet",
    "Möt våra undersköterskor",
    "Simhallens öppettider i påsk",
    "Sommarjobb för unga: sök senast i morgon",
)
# (objective, category, topics): the guideline's combinations, cycled through.
BOOKING_KINDS = (
    ("activate", "tips", '["leisure", "education"]'),
    ("inform", "civic_crisis", '["environment"]'),
    ("engage", "people", '["health", "work"]'),
    ("inform", "development", '["traffic", "innovation"]'),
    ("engage", "place_brand", '["culture"]'),
)
# A slot's local start: three a day per account at most (the default cap), each at least the slot
# and the default gap (2 h) after the previous one, so generated slots never overlap on an account.
BOOKING_HOURS = (9, 12, 15)


def _booking_day(ctx: Context, today: date) -> date:
    """Most bookings within a month of today, the rest over the past year and the next quarter;
    few on weekends."""
    draw = ctx.rng.random()
    if draw < 0.45:
        offset = ctx.rng.randint(-30, 30)
    elif draw < 0.8:
        offset = ctx.rng.randint(-365, -31)
    else:
        offset = ctx.rng.randint(31, 120)
    day = today + timedelta(days=offset)
    if day.weekday() >= 5 and ctx.rng.random() < 0.8:
        return _booking_day(ctx, today)
    return day


@loader("calendar_booking.Booking", "calendar_booking.BookingSlot", "calendar_booking.BookingLog")
def load_bookings(ctx: Context) -> dict[str, int]:
    """Bookings spread evenly over the förvaltningar and around today, one in five with a second
    slot the same day; one in five asks for a city-wide account (few, so at size L they fill up and
    the rest go on the förvaltning's own accounts). Slots take free (account, day, hour) places, so
    the PostgreSQL exclusion constraint holds; past slots are published (some missed), later ones
    planned, one booking in 25 cancelled."""
    from django.conf import settings

    from accounts.models import SocialAccount
    from calendar_booking.models import Booking, BookingLog, BookingSlot

    scale = ctx.scale
    if not scale.bookings:
        return {Booking._meta.db_table: 0, BookingSlot._meta.db_table: 0, BookingLog._meta.db_table: 0}
    zone = ZoneInfo(settings.TIME_ZONE)
    today = ctx.now.astimezone(zone).date()
    per_administration = accounts_per_administration(scale)
    citywide_count = max(1, scale.accounts // 100)

    def bookable(i: int) -> bool:
        return PLATFORMS[i % len(PLATFORMS)] != SocialAccount.Platform.X

    citywide = [i for i in range(1, citywide_count + 1) if bookable(i)]
    # A förvaltning's own accounts besides the city-wide ones (at size L the first förvaltningar
    # hold only city-wide accounts: they book those).
    own = {
        a: [
            i
            for i in range((a - 1) * per_administration + 1, min(a * per_administration, scale.accounts) + 1)
            if bookable(i) and i > citywide_count
        ]
        for a in range(1, scale.administrations + 1)
    }
    bookers = ctx.made["bookers"]
    taken: set[tuple[int, date, int]] = set()

    def place(pools: list[list[int]], day: date, avoid: int | None) -> tuple[int, date, int]:
        """A free (account, day, hour index) from the first pool with room, else another day."""
        while True:
            for pool in pools:
                for _attempt in range(4):
                    spot = (ctx.rng.choice(pool), day, ctx.rng.randrange(len(BOOKING_HOURS)))
                    if spot[0] != avoid and spot not in taken:
                        taken.add(spot)
                        return spot
                for account in pool:
                    for hour in range(len(BOOKING_HOURS)):
                        spot = (account, day, hour)
                        if account != avoid and spot not in taken:
                            taken.add(spot)
                            return spot
            day = _booking_day(ctx, today)

    # The plan first (small tuples), then the three tables from it.
    plan = []
    for i in range(1, scale.bookings + 1):
        a = (i - 1) % scale.administrations + 1
        pools = [own[a]] if own[a] else [citywide]
        if citywide and ctx.rng.random() < 0.2:
            pools = [citywide, *pools]
        day = _booking_day(ctx, today)
        places = [place(pools, day, None)]
        if ctx.rng.random() < 0.2 and any(account != places[0][0] for pool in pools for account in pool):
            places.append(place(pools, places[0][1], places[0][0]))
        starts = [
            (account, datetime.combine(d, clock_time(BOOKING_HOURS[h], 15 * ctx.rng.randrange(4)), zone))
            for account, d, h in places
        ]
        created = min(ctx.now, starts[0][1] - timedelta(hours=ctx.rng.randrange(24, 24 * 30)))
        plan.append((a, ctx.rng.choice(bookers[a]), starts, created, ctx.rng.random() < 0.04))

    hour, minute = timedelta(hours=1), timedelta(minutes=1)

    def slot_status(start: datetime, cancelled: bool, number: int) -> str:
        if cancelled:
            return "cancelled"
        if start + hour > ctx.now:
            return "planned"
        return "missed" if number % 20 == 0 else "published"

    def bookings():
        slot_number = 0
        for i, (a, author, starts, created, cancelled) in enumerate(plan, start=1):
            statuses = []
            for _account, start in starts:
                slot_number += 1
                statuses.append(slot_status(start, cancelled, slot_number))
            if cancelled:
                status = "cancelled"
            elif "planned" in statuses:
                status = "planned"
            elif "published" in statuses:
                status = "published"
            else:
                status = "missed"
            objective, category, topics = BOOKING_KINDS[i % len(BOOKING_KINDS)]
            high_activity = i % 20 == 0
            yield (
                i, a, author, f"{BOOKING_TITLES[i % len(BOOKING_TITLES)]} ({i})",
                "Utkast till inlägget, med länk och bildtext.", objective, category, topics,
                "Invånare i Helsingborg.", "https://example.se/nyhet", "image", i % 25 == 0, False,
                high_activity, "Vanliga frågor och svar till KC." if high_activity else "", status,
                created, created,
            )  # fmt: skip

    def slots():
        slot_id = 0
        for i, (_a, _author, starts, created, cancelled) in enumerate(plan, start=1):
            for account, start in starts:
                slot_id += 1
                status = slot_status(start, cancelled, slot_id)
                published = status == "published"
                yield (
                    slot_id, i, account, start, start + hour, start + 2 * hour, status,
                    f"bp{slot_id}" if published else "", start + 2 * minute if published else None,
                    created,
                )  # fmt: skip

    def log():
        for i, (_a, author, _starts, created, _cancelled) in enumerate(plan, start=1):
            yield (i, i, author, created, "created", "{}")

    booking_columns = (
        "id", "administration_id", "author_id", "title",
        "draft_text", "objective", "category", "topics",
        "target_group", "link", "media_type", "is_charged", "charged_acknowledged",
        "expects_high_activity", "faq_text", "status",
        "created_at", "updated_at",
    )  # fmt: skip
    slot_columns = (
        "id", "booking_id", "account_id", "starts_at", "ends_at", "blocked_until", "status",
        "post_platform_id", "published_at", "updated_at",
    )  # fmt: skip
    log_columns = ("id", "booking_id", "actor_id", "at", "action", "changes")
    return {
        Booking._meta.db_table: copy_model(ctx, Booking, booking_columns, bookings()),
        BookingSlot._meta.db_table: copy_model(ctx, BookingSlot, slot_columns, slots()),
        BookingLog._meta.db_table: copy_model(ctx, BookingLog, log_columns, log()),
    }


COMMENT_TEXTS = (
    ("Hur gör jag för att söka plats i förskolan?", '["question"]', "answer"),
    ("Tack för en fantastisk kulturnatt!", '["praise"]', "like"),
    ("Slöseri med skattepengar, borde satsat på skolan istället", '["opinion"]', "no_action"),
    ("Undrar om simhallen har öppet på annandag påsk", '["question"]', "answer"),
    ("Ring mig på 070-123 45 67 så förklarar jag", '["personal_data"]', "hide"),
    ("Varför tar det så lång tid att få svar på mitt bygglov?", '["question"]', "answer"),
)


@loader("moderation.Comment")
def load_comments(ctx: Context) -> dict[str, int]:
    """Comments spread over the accounts and the last 60 days; one in ten still open (the queues),
    one in fifty of those urgent; direct messages on city-wide accounts sit in KC's queue, three in
    ten of them open, so that KC's queue holds more than a page at size S too (S has one city-wide
    account): the pages compared at S and L then show the same number of rows."""
    from moderation.models import Comment

    scale = ctx.scale
    per_administration = accounts_per_administration(scale)
    citywide = max(1, scale.accounts // 100)
    span = 60 * 24 * 3600

    def rows():
        for i in range(1, scale.comments + 1):
            account = (i % scale.accounts) + 1
            administration = (account - 1) // per_administration + 1
            text, labels, action = COMMENT_TEXTS[i % len(COMMENT_TEXTS)]
            created = ctx.now - timedelta(seconds=ctx.rng.randrange(span))
            # A third of a city-wide account's rows are messages (counted per account, not per i).
            message = account <= citywide and (i // scale.accounts) % 3 == 0
            is_open = ctx.rng.random() < (0.3 if message else 0.1)
            urgent = is_open and ctx.rng.random() < 0.02
            due = created + timedelta(hours=30 if not urgent else 4)
            yield (
                i, account, f"c{i}", "message" if message else "comment", f"p{i // 20}", "",
                f"u{i % 50_000}", f"Person {i % 50_000}", text, "", created, created, "", "[]", "{}",
                labels, action, "[]", "open" if is_open else "handled", 0 if urgent else 1, due, due,
                message, administration, "",
            )  # fmt: skip

    columns = (
        "id", "account_id", "platform_id", "kind", "post_platform_id", "parent_platform_id",
        "author_id", "author_name", "text", "text_hash", "created_at", "received_at", "permalink",
        "attachments", "raw", "labels", "suggested_action", "reasons", "status", "priority", "due_at",
        "sort_at", "in_kc_queue", "queue_administration_id", "removal_source",
    )  # fmt: skip
    return {Comment._meta.db_table: copy_model(ctx, Comment, columns, rows())}


POST_SPAN_DAYS = 400  # posts spread over the last 13 months and a little more


def post_created(ctx: Context, post: int) -> datetime:
    """When post `post` was published: computed, not drawn, so the snapshots' loader agrees."""
    return ctx.now - timedelta(seconds=(post * 7919) % (POST_SPAN_DAYS * 86400))


@loader("platforms.PlatformPost")
def load_posts(ctx: Context) -> dict[str, int]:
    """The accounts' published posts over the last 400 days, round robin over the accounts."""
    from platforms.models import PlatformPost

    scale = ctx.scale

    def rows():
        for i in range(1, scale.posts + 1):
            yield (i, (i % scale.accounts) + 1, f"p{i}", post_created(ctx, i), f"Inlägg {i}", "", "", "image")

    columns = ("id", "account_id", "platform_id", "created_at", "text", "permalink", "link", "media_type")
    return {PlatformPost._meta.db_table: copy_model(ctx, PlatformPost, columns, rows())}


@loader("metrics.MetricSnapshot", "metrics.MonthlyRollup")
def load_snapshots(ctx: Context) -> dict[str, int]:
    """Half the snapshots are the accounts' days (up to 400 back from today), the rest the posts'
    lifetime figures on the days after each was published (up to today, so a little under the scale's
    count). The rollup table is emptied: the bench computes it."""
    from metrics.models import MetricSnapshot

    scale = ctx.scale
    today = ctx.now.date()
    days = (
        max(1, min(POST_SPAN_DAYS, scale.snapshots // max(1, 2 * scale.accounts))) if scale.snapshots else 0
    )

    def rows():
        n = 0
        for account in range(1, scale.accounts + 1):
            base = 1000 + account * 37
            for back in range(days):
                if n >= scale.snapshots:
                    return
                n += 1
                reach = ctx.rng.randrange(100, 20_000)
                followers = base + (days - back) * 3 if back % 7 == 0 else None  # read once a week
                yield (
                    n, account, None, "", today - timedelta(days=back), "account_day", reach, reach * 2,
                    reach // 20, followers, ctx.rng.randrange(0, 30),
                    "gross", back > 3, "UTC", False, "{}", None, None, None, None, None, None, None,
                )  # fmt: skip
        per_post = max(1, (scale.snapshots - n) // max(1, scale.posts))
        for post in range(1, scale.posts + 1):
            account = (post % scale.accounts) + 1
            first = post_created(ctx, post).date()
            for k in range(per_post):
                day = first + timedelta(days=k)
                if n >= scale.snapshots or day > today:
                    break
                n += 1
                reach = 50 * (k + 1) + post % 300
                yield (
                    n, account, post, f"p{post}", day, "post_lifetime", reach, reach * 2, None, None, None,
                    "", k > 3, "UTC", False, "{}", reach // 25, reach // 100, reach // 200, reach // 300,
                    reach // 30, reach // 60, None,
                )  # fmt: skip

    columns = (
        "id", "account_id", "post_id", "subject", "day", "metric_set", "reach", "views", "interactions",
        "followers", "new_followers", "new_followers_kind", "settled", "day_zone", "organic_only", "missing",
        "reactions", "comments", "shares", "saves", "clicks", "link_clicks", "video_views",
    )  # fmt: skip
    return {MetricSnapshot._meta.db_table: copy_model(ctx, MetricSnapshot, columns, rows())}


def accounts_per_administration(scale: Scale) -> int:
    return max(1, -(-scale.accounts // scale.administrations))


def generated_tables() -> list[str]:
    from django.apps import apps

    return [apps.get_model(label)._meta.db_table for _function, labels in LOADERS for label in labels]


# --- running ----------------------------------------------------------------------------------------


# The data migrations that give a fresh installation its starting lists. TRUNCATE … CASCADE empties
# every table that points at a generated one, and the triage and tone lists record who edited them
# (users): without their lists the benchmarks would triage and check against nothing.
STARTING_LISTS = (
    "helsocial.tone.migrations.0002_seed_lists",
    "moderation.migrations.0002_starting_lists",
    "moderation.migrations.0003_more_starting_words",
    "moderation.migrations.0011_triage_pattern_starting_lists",
    "moderation.migrations.0014_triage_patterns_that_generalise",
)


def _restore_starting_lists() -> None:
    from importlib import import_module

    from django.apps import apps

    for module in STARTING_LISTS:
        import_module(module).seed(apps, None)  # idempotent: get_or_create


def load(scale: Scale, *, out: TextIO | None = sys.stdout, seed: int = 2035) -> dict[str, int]:
    """Truncate every generated table and load `scale`'s rows; returns rows per table."""
    from django.db import connection, transaction
    from django.utils import timezone
    from psycopg import sql

    started = time.perf_counter()
    counts: dict[str, int] = {}
    with transaction.atomic():
        cursor = connection.connection.cursor()
        # Django's foreign keys are deferred: check them row by row instead, so a TRUNCATE after
        # earlier writes in the same transaction (a test, a second load) has no pending checks.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        tables = generated_tables()
        cursor.execute(
            sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(
                sql.SQL(", ").join(map(sql.Identifier, tables))
            )
        )
        ctx = Context(scale=scale, cursor=cursor, rng=random.Random(seed), now=timezone.now())
        for function, _models in LOADERS:
            step = time.perf_counter()
            loaded = function(ctx)
            counts.update(loaded)
            if out:
                for table, rows in loaded.items():
                    print(f"  {table:<32} {rows:>10,} rows  {time.perf_counter() - step:6.2f} s", file=out)
        _restore_starting_lists()
        # Fresh statistics, as a production database that has lived with these rows would have.
        for table in counts:
            cursor.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(table)))
    if out:
        print(
            f"  {'total':<32} {sum(counts.values()):>10,} rows  {time.perf_counter() - started:6.2f} s",
            file=out,
        )
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SCALES), required=True)
    args = parser.parse_args(argv)
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("datagen needs PostgreSQL: set DATABASE_URL (make bench does)")
    print(f"datagen: size {args.size} into {connection.settings_dict['NAME']}")
    load(SCALES[args.size])


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helsocial.settings")
    main()
