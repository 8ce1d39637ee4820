"""Demo data for `manage.py seed_demo`: förvaltningar, one person per role, and the city's accounts."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from .models import AccountEditor, Administration, Role, RoleAssignment, SocialAccount, User

DEMO_PASSWORD = "Helsingborg-2035"  # noqa: S105 - the printed laptop demo login
# The token the demo gives the förvaltningar's accounts it creates: an account holding it talks to
# the demo platform whatever its platform (`platforms.client_for`), so every role can carry out
# every action in the demo. No platform issues a token like it.
DEMO_PLATFORM_TOKEN = "demo-platform:not-a-real-token"  # noqa: S105
# X carries the press releases only; it stays unconnected in the demo.
UNCONNECTED_PLATFORMS = frozenset({"x", "demo"})

ADMINISTRATIONS = [
    ("Stadsledningsförvaltningen", "SLF", "042-10 50 00"),
    ("Skol- och fritidsförvaltningen", "SOF", "042-10 50 00"),
    ("Miljöförvaltningen", "MF", "042-10 50 00"),
    ("Socialförvaltningen", "SF", "042-10 50 00"),
    ("Stadsbyggnadsförvaltningen", "SBF", "042-10 50 00"),
    ("Kulturförvaltningen", "KF", "042-10 50 00"),
    ("Vård- och omsorgsförvaltningen", "VOF", "042-10 50 00"),
]

# (username, first, last, title, [(role, administration short name or None)])
PEOPLE = [
    ("akn", "Agnes", "Lindqvist", "kommunikationsstrateg", [(Role.AKN, None)]),
    ("ansvarig", "Lena", "Berg", "kommunikationschef", [(Role.LEAD, "SOF")]),
    ("redaktor", "Erik", "Holm", "redaktör", [(Role.EDITOR, "SOF")]),
    ("kommunikator", "Louise", "Nilsson", "kommunikatör", [(Role.COMMUNICATOR, "SOF")]),
    ("kontaktcenter", "Karim", "Saleh", "kundtjänsthandläggare", [(Role.KC, None)]),
    ("miljo", "Maja", "Ek", "kommunikatör", [(Role.LEAD, "MF"), (Role.COMMUNICATOR, "MF")]),
    ("inaktiv", "Ingvar", "Stål", "redaktör", [(Role.EDITOR, "KF")]),
]

# (name, platform, administration short name, citywide, handle, purpose)
ACCOUNTS = [
    (
        "Helsingborgs stad",
        "facebook",
        "SLF",
        True,
        "helsingborgsstad",
        "Stadens gemensamma kanal för information och dialog.",
    ),
    (
        "Helsingborgs stad",
        "instagram",
        "SLF",
        True,
        "helsingborgsstad",
        "Bilder och berättelser från livet i staden.",
    ),
    (
        "Helsingborgs stad",
        "linkedin",
        "SLF",
        True,
        "helsingborgs-stad",
        "Helsingborg som arbetsgivare och stadsutveckling.",
    ),
    ("Helsingborgs stad", "x", "SLF", True, "helsingborg", "Pressmeddelanden publiceras automatiskt."),
    (
        "Fritid Helsingborg",
        "facebook",
        "SOF",
        False,
        "fritidhelsingborg",
        "Fritidsgårdar, lovaktiviteter och föreningsliv.",
    ),
    (
        "Skolor i Helsingborg",
        "instagram",
        "SOF",
        False,
        "skolorihbg",
        "Vardag och framgångar i stadens skolor.",
    ),
    (
        "Miljö Helsingborg",
        "facebook",
        "MF",
        False,
        "miljohbg",
        "Tips om hållbar konsumtion och miljötillsyn.",
    ),
    ("Dunkers kulturhus", "instagram", "KF", False, "dunkerskulturhus", "Utställningar och evenemang."),
    ("Demo: stadens testkonto", "demo", "SLF", True, "demo", "Demoplattformen för att prova portalen."),
]

# (account name, platform, username)
EDITORS = [
    ("Fritid Helsingborg", "facebook", "redaktor"),
    ("Skolor i Helsingborg", "instagram", "redaktor"),
    ("Miljö Helsingborg", "facebook", "miljo"),
    ("Dunkers kulturhus", "instagram", "inaktiv"),
    ("Helsingborgs stad", "facebook", "akn"),
    ("Demo: stadens testkonto", "demo", "akn"),
]


def seed(*, stdout=None) -> list[tuple[str, str]]:
    """Create the demo data that is missing; returns the printed logins (username, role label).

    What is already there — made by an earlier run or by a person — is left as it is: a second run
    adds nothing and never changes a förvaltning, a person or an account someone made."""
    admins = {}
    for name, short, phone in ADMINISTRATIONS:
        admin, _created = Administration.objects.get_or_create(
            name=name, defaults={"short_name": short, "phone": phone, "email": "kontaktcenter@helsingborg.se"}
        )
        admins[short] = admin
    users = {}
    logins = []
    for username, first, last, title, roles in PEOPLE:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "title": title,
                "email": f"{username}@helsingborg.se",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            if username == "inaktiv":
                # Logged in long ago: shows how an account without an active editor is flagged.
                user.last_login = timezone.now() - timedelta(days=400)
            user.save()
        for role, short in roles:
            RoleAssignment.objects.get_or_create(user=user, role=role, administration=admins.get(short))
        users[username] = user
        if username != "inaktiv":
            logins.append((username, ", ".join(str(r.label) for r, _s in roles)))
    for name, platform, short, citywide, handle, purpose in ACCOUNTS:
        SocialAccount.objects.get_or_create(
            name=name,
            platform=platform,
            defaults={
                "administration": admins[short],
                "is_citywide": citywide,
                "handle": handle,
                "purpose": purpose,
                "goal": "Nå invånare och besökare med relevant och värdefull information.",
                "target_group": "Invånare i Helsingborg",
                # Connected to the demo platform from the start (see DEMO_PLATFORM_TOKEN).
                "access_token": "" if platform in UNCONNECTED_PLATFORMS else DEMO_PLATFORM_TOKEN,
                "platform_id": "" if platform in UNCONNECTED_PLATFORMS else f"demo-{platform}-{handle}",
            },
        )
    for name, platform, username in EDITORS:
        account = SocialAccount.objects.get(name=name, platform=platform)
        AccountEditor.objects.get_or_create(account=account, user=users[username])
        if username != "akn":
            RoleAssignment.objects.get_or_create(
                user=users[username], role=Role.EDITOR, administration=account.administration
            )
    _seed_requests_and_guideline(users=users, admins=admins)
    return logins


def _seed_requests_and_guideline(*, users, admins) -> None:
    """The guideline in force (the footer shows it) and a waiting, time-limited account request."""
    from datetime import date

    from .models import AccountRequest, GuidelineVersion

    GuidelineVersion.objects.get_or_create(
        in_force_from=date(2026, 9, 1),
        defaults={
            "url": "https://helsingborg.se/riktlinjer-for-sociala-medier.pdf",
            "changes": "Kriterierna Aktivt, Effektivt och Långsiktigt förtydligade; nytt om AI-bilder.",
            "recorded_by": users["akn"],
        },
    )
    request, created = AccountRequest.objects.get_or_create(
        applicant=users["kommunikator"],
        name="Sommarlovet 2027",
        defaults={
            "administration": admins["SOF"],
            "platform": SocialAccount.Platform.INSTAGRAM,
            "purpose": "Visa sommarlovets aktiviteter för barn och unga.",
            "goal": "Fler barn deltar i sommarlovets aktiviteter.",
            "target_group": "Barn 6–15 år och deras föräldrar",
            "answering": "Redaktörerna, vardagar 8–17",
            "posts_per_week": 2,
            "end_date": date(2027, 8, 31),
        },
    )
    if created:
        request.editors.set([users["redaktor"]])
