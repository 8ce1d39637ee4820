"""The access matrix's vocabulary: the world every case runs in, and how a case is written down.

Each app writes its rows in `tests/<app>/access_cases.py`:

    from tests.access import Case, expect, everyone, only_akn

    def build(world):                       # optional: objects of this app, on both sides
        world.own.booking = BookingFactory(account=world.own.account)
        world.other.booking = BookingFactory(account=world.other.account, text=world.marker)

    CASES = [
        Case("calendar:booking-detail", kwargs=lambda side: {"pk": side.booking.pk},
             own=expect(akn=200, lead=200, editor=200, communicator=200, kc=404),
             other=expect(akn=200, lead=404, editor=404, communicator=404, kc=404)),
        Case("calendar:booking-create", method="POST", data=lambda side: {...}, own=only_akn(302)),
    ]

`own` is what each role gets for an object of its own förvaltning (or, for a URL without an
object, the only expectation); `other` is for the same kind of object in the other förvaltning,
whose every text field carries `MARKER`. `anonymous` defaults to a redirect to the login page.
Every role must be spelled out: the matrix refuses a case with a role missing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.hashers import make_password

from accounts.models import AccountEditor, Administration, Role, RoleAssignment, SocialAccount, User

MARKER = "LÄCKMARKÖR-7f3a"
ROLES = ("akn", "lead", "editor", "communicator", "kc")
ANONYMOUS = "anonymous"
LOGIN = "login"  # the expected answer "302 to the login page"
STATUSES = frozenset({200, 204, 302, 400, 403, 404, 405, LOGIN})


def expect(default: int | str | None = None, **per_role: int | str) -> dict[str, int | str]:
    """Expected status per role: `expect(403, akn=200)`, or every role spelled out."""
    unknown = set(per_role) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}; the roles are {ROLES}")
    result = {role: per_role.get(role, default) for role in ROLES}
    missing = [role for role, status in result.items() if status is None]
    if missing:
        raise ValueError(f"no expected status for {missing}")
    return result


def everyone(status: int | str) -> dict[str, int | str]:
    return expect(status)


def only_akn(status: int | str = 200, others: int | str = 403) -> dict[str, int | str]:
    return expect(others, akn=status)


@dataclass(frozen=True)
class Case:
    url_name: str
    own: Mapping[str, int | str]
    other: Mapping[str, int | str] | None = None
    kwargs: Callable[[SimpleNamespace], dict[str, Any]] | None = None
    method: str = "GET"
    data: Callable[[SimpleNamespace], dict[str, Any]] | Mapping[str, Any] | None = None
    query: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    anonymous: int | str = LOGIN
    label: str = ""

    def __post_init__(self):
        if self.method not in {"GET", "POST", "PUT", "PATCH", "DELETE"}:
            raise ValueError(f"{self.url_name}: unknown method {self.method}")
        if (self.kwargs is None) != (self.other is None):
            raise ValueError(
                f"{self.url_name}: a URL with an object needs kwargs= and other= (what each role gets "
                "for the other förvaltning's object); a URL without one needs neither"
            )
        for name, table in (("own", self.own), ("other", self.other or {})):
            if self.other is None and name == "other":
                continue
            missing = set(ROLES) - set(table)
            if missing:
                raise ValueError(f"{self.url_name}: {name}= has no expectation for {sorted(missing)}")
            bad = {role: status for role, status in table.items() if status not in STATUSES}
            if bad:
                raise ValueError(f"{self.url_name}: {name}= has unknown statuses {bad}")
        if self.anonymous not in STATUSES:
            raise ValueError(f"{self.url_name}: anonymous={self.anonymous!r} is not a known answer")

    @property
    def id(self) -> str:
        label = f"[{self.label}]" if self.label else ""
        return f"{self.url_name}{label}-{self.method}"

    def sides(self) -> tuple[str, ...]:
        return ("own", "other") if self.other is not None else ("none",)

    def expected(self, role: str, side: str) -> int | str:
        if role == ANONYMOUS:
            return self.anonymous
        table = self.other if side == "other" else self.own
        assert table is not None
        return table[role]

    def post_data(self, side: SimpleNamespace) -> Mapping[str, Any] | None:
        if callable(self.data):
            return self.data(side)
        return self.data


@functools.cache
def _password_hash() -> str:
    # Hashing is slow by design; the world's people never log in with a password, they share one hash.
    return make_password("korrekt-häst-batteri")


def make_user(username: str, *, roles=(), **fields) -> User:
    fields.setdefault("first_name", username.capitalize())
    fields.setdefault("email", f"{username.lower()}@helsingborg.se")
    fields.setdefault("title", "kommunikatör")
    user = User.objects.create(username=username, password=_password_hash(), **fields)
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=user, role=role, administration=administration) for role, administration in roles
    )
    return user


class World:
    """Two förvaltningar with people and accounts; the other one's text carries the marker.

    `world.users[role]` is the person who plays `role` in the matrix (lead, editor and
    communicator belong to `world.own.administration`). `world.own` and `world.other` hold the
    objects each side has; apps add theirs in `build(world)`.
    """

    marker = MARKER

    def __init__(self):
        from django.utils import timezone

        m = MARKER
        now = timezone.now()
        own_admin = Administration.objects.create(name="Skol- och fritidsförvaltningen", short_name="SOF")
        other_admin = Administration.objects.create(
            name=f"Miljöförvaltningen {m}", short_name=f"MF {m}", phone=f"042 {m}"
        )
        self.city_administration = Administration.objects.create(
            name="Stadsledningsförvaltningen", short_name="SLF"
        )

        self.users: dict[str, User | None] = {
            ANONYMOUS: None,
            "akn": make_user("akn", roles=[(Role.AKN, None)], last_login=now),
            "lead": make_user("lead", roles=[(Role.LEAD, own_admin)], last_login=now),
            "editor": make_user("editor", roles=[(Role.EDITOR, own_admin)], last_login=now),
            "communicator": make_user("communicator", roles=[(Role.COMMUNICATOR, own_admin)], last_login=now),
            "kc": make_user("kc", roles=[(Role.KC, None)], last_login=now),
        }
        own_account = SocialAccount.objects.create(
            administration=own_admin,
            name="Skolor i Helsingborg",
            platform=SocialAccount.Platform.INSTAGRAM,
            handle="skolorihbg",
            platform_id="own-1",
            purpose="Vardag i stadens skolor.",
            access_token="own-token-secret",
        )
        AccountEditor.objects.create(account=own_account, user=self.users["editor"])
        self.own = SimpleNamespace(
            name="own",
            administration=own_admin,
            account=own_account,
            lead=self.users["lead"],
            editor=self.users["editor"],
            communicator=self.users["communicator"],
            assignment=RoleAssignment.objects.get(user=self.users["communicator"]),
        )

        def marked_user(username: str, role: Role) -> User:
            return make_user(
                f"{username}_{m}",
                roles=[(role, other_admin)],
                first_name=f"Olle {m}",
                last_name=f"Ek {m}",
                title=f"titel {m}",
                signoff=f"Hälsningar {m}",
                email=f"{username}@miljo.helsingborg.se",
                last_login=now,
            )

        other_lead = marked_user("other_lead", Role.LEAD)
        other_editor = marked_user("other_editor", Role.EDITOR)
        other_communicator = marked_user("other_communicator", Role.COMMUNICATOR)
        other_account = SocialAccount.objects.create(
            administration=other_admin,
            name=f"Miljö Helsingborg {m}",
            platform=SocialAccount.Platform.FACEBOOK,
            handle=f"miljo {m}",
            url="https://www.facebook.com/miljo-7f3a",
            platform_id=f"other-{m}",
            purpose=f"Syfte {m}",
            goal=f"Mål {m}",
            target_group=f"Målgrupp {m}",
            access_token=f"token {m}",
        )
        AccountEditor.objects.create(account=other_account, user=other_editor, appointed_by=other_lead)
        self.other = SimpleNamespace(
            name="other",
            administration=other_admin,
            account=other_account,
            lead=other_lead,
            editor=other_editor,
            communicator=other_communicator,
            assignment=RoleAssignment.objects.get(user=other_communicator),
        )
        self.citywide_account = SocialAccount.objects.create(
            administration=self.city_administration,
            name="Helsingborgs stad",
            platform=SocialAccount.Platform.FACEBOOK,
            is_citywide=True,
            platform_id="city-1",
        )
        self.none = SimpleNamespace(name="none")

    def side(self, name: str) -> SimpleNamespace:
        return {"own": self.own, "other": self.other, "none": self.none}[name]
