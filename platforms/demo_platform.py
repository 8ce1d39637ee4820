"""The demo platform: realistic Swedish posts, comments, messages and figures without any network.

Everything is a pure function of (seed, account, day): the same seed shows the same portal on every
laptop, and "now" only decides how much of the generated history is visible yet. Some comments
break the city's guidelines on purpose (personal attacks, threats, personal data, spam, dubious
links) so moderation has something to do.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from .base import (
    AccountMetrics,
    Capability,
    FigureFacts,
    Missing,
    PostMetrics,
    RemoteComment,
    RemotePost,
    SignIn,
)

TOPICS = [
    ("Nu öppnar vi sommarens lovaktiviteter! Anmäl dig senast fredag.", "https://helsingborg.se/lov"),
    ("Vägarbete på Drottninggatan mellan 9 och 15 hela veckan. Välj gärna cykeln!", ""),
    (
        "Välkommen till Dunkers kulturhus i helgen – fri entré för barn och unga.",
        "https://dunkerskulturhus.se",
    ),
    ("Nya bänkar och mer grönska i Stadsparken. Vad tycker du?", ""),
    ("Sopsorteringen ändras den 1 mars. Så här gör du med matavfallet.", "https://helsingborg.se/avfall"),
    ("Tack alla som kom på Kulturnatten! Över 20 000 besökare.", ""),
    ("Badtemperaturen vid Tropical Beach är 19 grader i dag.", ""),
    ("Vi söker sommarvikarier inom vård och omsorg. Sök senast 31 mars.", "https://helsingborg.se/jobb"),
    ("Öppet hus på Olympiaskolan på torsdag kl 18. Välkommen!", ""),
    ("Stadsbiblioteket har nya öppettider från måndag.", "https://helsingborg.se/bibliotek"),
    ("Felanmäl trasig gatubelysning direkt i appen.", "https://helsingborg.se/felanmalan"),
    ("Ny cykelbana längs Järnvägsgatan är klar!", ""),
]
QUESTIONS = [
    "När öppnar anmälan?",
    "Gäller det här även för gymnasieelever?",
    "Vart vänder man sig om man har frågor om bygglov?",
    "Finns det parkering i närheten?",
    "Hur lång tid tar det innan man får svar?",
    "Är det tillgängligt för rullstol?",
]
OPINIONS = [
    "Tycker det är slöseri med skattepengar, borde läggas på skolan istället.",
    "Äntligen! Det har vi väntat på länge.",
    "Varför informeras inte de boende innan? Dålig planering.",
    "Bra initiativ men det borde finnas fler platser.",
    "Cykelbanorna i stan är fortfarande för smala.",
]
PRAISE = [
    "Tack för ett fantastiskt arrangemang! ❤️",
    "Så fint det blev 😍",
    "Bästa staden! 👏👏",
    "Personalen var jättetrevlig, tack!",
]
BREAKING = [
    ("attack", "Du som skrev inlägget är en inkompetent idiot, avgå!"),
    ("attack", "Politikerna i den här stan är korrupta svin allihop."),
    ("threat", "Om ni inte fixar det här så vet jag var handläggaren bor. Passa er."),
    (
        "personal_data",
        "Ring min mamma på 070-123 45 67 så förklarar hon, hennes personnummer är 19520314-1234.",
    ),
    ("personal_data", "Min granne Anders Svensson på Storgatan 12 fuskar med bidrag, 0701234567."),
    ("spam", "KÖP BILLIGA SOLGLASÖGON NU!!! KÖP BILLIGA SOLGLASÖGON NU!!!"),
    ("link", "Tjäna 10 000 kr i veckan hemifrån: http://snabba-pengar.xyz/hbg"),
    ("link", "Gratis iPhone till alla helsingborgare! Klicka här http://bit-prize.top/win"),
    # Wording no starting pattern reads: the trained model labels it, and says why.
    ("racism", "Hela kvarteret har blivit som en smitta sen de flyttade in, skicka tillbaka hela klanen"),
    # A rule reads a threat (the knife, a term no guard can qualify); the trained model doubts it,
    # and the comment waits for a person.
    ("doubted", "Deckarkvällen på biblioteket var toppen 🔪📚 tack till alla som kom!"),
]
NAMES = [
    "Anna Lindberg",
    "Mohammed Ali",
    "Sara Persson",
    "Johan Ek",
    "Fatima Hassan",
    "Per Olsson",
    "Elin Nyström",
    "Ahmed Yusuf",
    "Karin Sjöberg",
    "Lars Holm",
]
MESSAGES = [
    "Hej! Jag har skickat in en ansökan men inte fått något svar, vem kan jag prata med?",
    "Vill bara säga att bemötandet på medborgarkontoret var toppen.",
    "Var kan jag hitta protokollet från senaste nämndsmötet?",
    "Min son har inte fått plats på förskolan vi sökte, vad gör vi nu?",
]
# Others' LinkedIn posts naming the city: what the guideline's tip asks editors to like or comment on.
MENTIONS = [
    (
        "Öresundskraft",
        "Stolta över att bygga fler laddplatser i Västra hamnen tillsammans med @Helsingborgs stad!",
    ),
    (
        "Campus Helsingborg",
        "Tack @Helsingborgs stad för ett inspirerande frukostmöte om klimatomställningen.",
    ),
    ("Anna Lindberg", "Första veckan som lärare i @Helsingborgs stad – vilket välkomnande! 🙌"),
    ("Sara Persson", "Fin dag på Maria Park med @Helsingborgs stad och alla företagare i området."),
    ("Johan Ek", "Varför tar bygglovet hos @Helsingborgs stad så lång tid? Någon mer som väntat i månader?"),
]


def _rng(*parts: object) -> random.Random:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


class DemoClient:
    platform = "demo"
    sign_in = SignIn(oauth=False)
    figure_facts = FigureFacts(
        day_zone="UTC", settle_days=1, clicks=True, link_clicks=True, new_followers="gross"
    )
    capabilities = frozenset(
        {
            Capability.READ_POSTS,
            Capability.READ_COMMENTS,
            Capability.READ_MESSAGES,
            Capability.READ_MENTIONS,
            Capability.READ_METRICS,
            Capability.REPLY,
            Capability.HIDE,
            Capability.UNHIDE,
            Capability.DELETE,
            Capability.LIKE,
            Capability.BLOCK,
            Capability.MESSAGE_AUTHOR,
            Capability.PUBLISH,
        }
    )
    missing: dict = {}
    message_window = timedelta(days=7)  # as Meta's private replies

    def __init__(self, *, account_key: str, seed: int | None = None, now: datetime | None = None):
        self.key = account_key
        self.seed = settings.DEMO_PLATFORM_SEED if seed is None else seed
        self._now = now
        self.calls = 0

    @property
    def now(self) -> datetime:
        return self._now or timezone.now()

    # --- generation ---------------------------------------------------------------------------

    def _posts_on(self, day: date) -> list[RemotePost]:
        rng = _rng(self.seed, self.key, "posts", day.isoformat())
        posts = []
        for n in range(rng.choice([0, 1, 1, 1, 2])):
            text, link = rng.choice(TOPICS)
            at = datetime.combine(day, time(rng.randint(7, 19), rng.randint(0, 59)), UTC)
            post_id = f"demo-{self.key}-{day:%Y%m%d}-{n}"
            posts.append(
                RemotePost(
                    id=post_id,
                    created_at=at,
                    text=text,
                    permalink=f"https://demo.helsocial.local/{self.key}/{post_id}",
                    link=link,
                    media_type=rng.choice(["image", "image", "video", "link", "text"])
                    if not link
                    else "link",
                    raw={"generated": True},
                )
            )
        return [p for p in posts if p.created_at <= self.now]

    def _post_comments(self, post_id: str, created: datetime) -> list[RemoteComment]:
        rng = _rng(self.seed, self.key, "comments", post_id)
        comments: list[RemoteComment] = []
        for n in range(rng.randint(0, 7)):
            roll = rng.random()
            if roll < 0.35:
                text = rng.choice(QUESTIONS)
            elif roll < 0.6:
                text = rng.choice(OPINIONS)
            elif roll < 0.85:
                text = rng.choice(PRAISE)
            else:
                _kind, text = rng.choice(BREAKING)
            name = rng.choice(NAMES)
            parent = comments[-1].id if comments and rng.random() < 0.2 else None
            comments.append(
                RemoteComment(
                    id=f"{post_id}-c{n}",
                    kind="reply" if parent else "comment",
                    text=text,
                    author_id=f"demo-user-{NAMES.index(name)}",
                    author_name=name,
                    created_at=created + timedelta(minutes=rng.randint(5, 60 * 30)),
                    post_id=post_id,
                    parent_id=parent,
                    permalink=f"https://demo.helsocial.local/{self.key}/{post_id}#c{n}",
                    raw={"generated": True},
                )
            )
        comments.sort(key=lambda c: c.created_at)
        return [c for c in comments if c.created_at <= self.now]

    # --- the interface ------------------------------------------------------------------------

    def posts_since(self, since: datetime) -> Iterator[RemotePost]:
        self.calls += 1
        start = max(since, self.now - timedelta(days=settings.DEMO_PLATFORM_HISTORY_DAYS)).date()
        day = self.now.date()
        while day >= start:
            for post in reversed(self._posts_on(day)):
                if post.created_at >= since:
                    yield post
            day -= timedelta(days=1)

    def _created_of(self, post_id: str) -> datetime | None:
        try:
            day = datetime.strptime(post_id.rsplit("-", 2)[-2], "%Y%m%d").date()
        except (ValueError, IndexError):
            return None
        for post in self._posts_on(day):
            if post.id == post_id:
                return post.created_at
        return None

    def comments(self, post_id: str) -> Iterator[RemoteComment]:
        self.calls += 1
        created = self._created_of(post_id)
        if created is not None:
            yield from self._post_comments(post_id, created)

    def messages(self, since: datetime) -> Iterator[RemoteComment]:
        self.calls += 1
        day = self.now.date()
        while day >= since.date():
            rng = _rng(self.seed, self.key, "messages", day.isoformat())
            if rng.random() < 0.4:
                name = rng.choice(NAMES)
                at = datetime.combine(day, time(rng.randint(6, 22), rng.randint(0, 59)), UTC)
                if since <= at <= self.now:
                    yield RemoteComment(
                        id=f"demo-{self.key}-dm-{day:%Y%m%d}",
                        kind="message",
                        text=rng.choice(MESSAGES),
                        author_id=f"demo-user-{NAMES.index(name)}",
                        author_name=name,
                        created_at=at,
                        parent_id=f"demo-{self.key}-conversation-{NAMES.index(name)}",
                        raw={"generated": True},
                    )
            day -= timedelta(days=1)

    def mentions(self, since: datetime) -> Iterator[RemoteComment]:
        """A LinkedIn account's key ("linkedin:…") is mentioned now and then; other accounts never."""
        self.calls += 1
        if not self.key.startswith("linkedin:"):
            return
        day = self.now.date()
        while day >= since.date():
            rng = _rng(self.seed, self.key, "mentions", day.isoformat())
            if rng.random() < 0.35:
                author, text = rng.choice(MENTIONS)
                at = datetime.combine(day, time(rng.randint(7, 20), rng.randint(0, 59)), UTC)
                post_id = f"demo-{self.key}-mention-{day:%Y%m%d}"
                if since <= at <= self.now:
                    yield RemoteComment(
                        id=post_id,
                        kind="mention",
                        text=text,
                        author_id=f"demo-author-{MENTIONS.index((author, text))}",
                        author_name=author,
                        created_at=at,
                        post_id=post_id,
                        permalink=f"https://demo.helsocial.local/{self.key}/{post_id}",
                        raw={"generated": True},
                    )
            day -= timedelta(days=1)

    def post_metrics(self, post_ids: Sequence[str]) -> dict[str, PostMetrics]:
        self.calls += 1
        result = {}
        for post_id in post_ids:
            rng = _rng(self.seed, self.key, "metrics", post_id)
            created = self._created_of(post_id) or self.now
            # Figures grow over the first days, then settle: the same post pulled later shows more.
            age = max(0.05, min(1.0, (self.now - created).total_seconds() / (3 * 86400)))
            reach = int(rng.randint(300, 9000) * age)
            video = "video" in post_id or rng.random() < 0.3
            result[post_id] = PostMetrics(
                reach=reach,
                video_views=int(reach * rng.uniform(0.2, 0.7)) if video else None,
                link_clicks=int(reach * rng.uniform(0.005, 0.04)),
                reactions=int(reach * rng.uniform(0.01, 0.08)),
                comments=len(list(self._post_comments(post_id, created))),
                shares=int(reach * rng.uniform(0.0, 0.01)),
                saves=int(reach * rng.uniform(0.0, 0.005)),
                views=int(reach * rng.uniform(1.2, 2.5)),
                clicks=int(reach * rng.uniform(0.05, 0.12)),
                missing={} if video else {"video_views": Missing.NOT_GIVEN},
            )
        return result

    def account_metrics(self, day: date) -> AccountMetrics:
        self.calls += 1
        base = _rng(self.seed, self.key, "followers").randint(2000, 40000)
        rng = _rng(self.seed, self.key, "account", day.isoformat())
        grown = base + (day - date(2024, 1, 1)).days * 3
        reach, interactions = rng.randint(500, 15000), rng.randint(20, 900)
        return AccountMetrics(
            followers=grown,
            reach=reach,
            interactions=interactions,
            views=int(reach * rng.uniform(1.3, 2.2)),
            new_followers=rng.randint(3, 12),  # gains; the follower count grows by 3 a day net
        )

    def period_reach(self, first: date, last: date) -> int | None:
        return None  # as most platforms: the month's reach is the sum of the days, named so

    def reply(self, comment_id: str, text: str) -> str:
        self.calls += 1
        return f"{comment_id}-r{hashlib.sha256(text.encode()).hexdigest()[:8]}"

    def hide(self, comment_id: str, hidden: bool = True) -> None:
        self.calls += 1

    def delete(self, comment_id: str) -> None:
        self.calls += 1

    def like(self, object_id: str) -> None:
        self.calls += 1

    def block(self, author_id: str) -> None:
        self.calls += 1

    def message_author(self, comment_id: str, text: str) -> str:
        self.calls += 1
        return f"{comment_id}-m{hashlib.sha256(text.encode()).hexdigest()[:8]}"

    def publish(self, text: str) -> str:
        self.calls += 1
        return f"demo-{self.key}-pub-{hashlib.sha256(text.encode()).hexdigest()[:12]}"
