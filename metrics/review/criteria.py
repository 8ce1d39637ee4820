"""The three criteria of the guideline ("Aktivt", "Effektivt", "Långsiktigt"), judged from facts.

One pure function per criterion: facts and thresholds in, a verdict out. No queries, no clock (the
facts carry their day), so each state can be tested at the edge of every threshold. A verdict is
the worst state of its checks; a check without enough facts to judge has no state (it is shown as a
fact, never counted against the account). Every check carries the fact and the reason in Swedish
(English msgids, translated in the catalogue).

Comparisons are exact (integers and Decimals): "three posts a week over 90 days" is
posts × 7 ≥ 3 × 90, so an account exactly on a threshold is green, never lost to rounding.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

GREEN = "green"
AMBER = "amber"
RED = "red"
RANK = {GREEN: 0, AMBER: 1, RED: 2}
WINDOW_DAYS = 90  # posts, questions and bookings are counted over the last 90 days

# "Riktlinjer för sociala medier", Ansvarsfördelning och kriterier för konto: Långsiktigt.
GUIDELINE_TIME_LIMITED = "Projekt eller verksamheter som är tidsbegränsade bör därför inte starta nya konton"


@dataclass(frozen=True)
class Thresholds:
    """The settings AKN edits per platform (metrics.ReviewThresholds); percentages as whole numbers."""

    posts_per_week_green: Decimal = Decimal("3")
    posts_per_week_amber: Decimal = Decimal("1")
    days_since_post_green: int = 7
    days_since_post_amber: int = 21
    answered_share_green: int = 90
    answered_share_amber: int = 75
    overdue_amber_max: int = 5
    booked_share_green: int = 50
    booked_share_amber: int = 20
    engagement_vs_median_green: int = 75
    engagement_vs_median_amber: int = 40
    engagement_drop_amber: int = 30
    follower_loss_red: int = 10
    followers_vs_citywide_green: int = 5
    followers_vs_citywide_amber: int = 1


@dataclass(frozen=True)
class Facts:
    """What is measured about one account on `day` (metrics.review.facts computes it in SQL)."""

    day: date
    platform: str = "facebook"
    platform_label: str = "Facebook"
    # Aktivt
    posts_90d: int = 0
    days_since_post: int | None = None  # None: no post seen at all
    questions_90d: int = 0  # questions and direct messages received
    answered_in_time_90d: int = 0  # ... answered before they were due (the working-hours promise)
    median_answer_hours: float | None = None
    overdue_now: int = 0  # open and past their due time
    open_now: int = 0
    has_active_editor: bool = False
    # Effektivt
    has_purpose: bool = False
    has_goal: bool = False
    has_target_group: bool = False
    booked_posts_90d: int = 0
    engagement_rate: float | None = None  # interactions ÷ followers, mean of the last 3 full months
    engagement_trend: float | None = None  # the same, mean of the 9 months before those
    city_median_engagement: float | None = None  # the median of the platform's accounts
    followers_now: int | None = None
    followers_year_ago: int | None = None
    # Långsiktigt
    end_date: date | None = None
    has_end_plan: bool = False
    age_days: int = 0
    is_citywide: bool = False
    citywide_followers: int | None = None

    def to_json(self) -> dict:
        data = asdict(self)
        for name in ("day", "end_date"):
            data[name] = data[name].isoformat() if data[name] else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> Facts:
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        for name in ("day", "end_date"):
            if values.get(name):
                values[name] = date.fromisoformat(values[name])
        return cls(**values)


@dataclass(frozen=True)
class Check:
    name: str
    label: str
    state: str | None  # None: nothing to judge; the fact is shown
    fact: str
    reason: str


@dataclass(frozen=True)
class Verdict:
    criterion: str
    label: str
    checks: list[Check] = field(default_factory=list)

    @property
    def state(self) -> str:
        states = [c.state for c in self.checks if c.state is not None]
        return max(states, key=RANK.__getitem__) if states else GREEN

    @property
    def facts_line(self) -> str:
        """Every check's fact on one line, for the list and the exports."""
        return "; ".join(f"{c.label}: {c.fact}" for c in self.checks)

    @property
    def reasons(self) -> list[str]:
        """The reasons of the checks that set the state (or every reason when all are green)."""
        state = self.state
        return [c.reason for c in self.checks if c.state == state]


def worst(*states: str) -> str:
    return max(states, key=RANK.__getitem__)


def _n(value: float | Decimal, digits: int = 1) -> str:
    return number_format(value, decimal_pos=digits)


def _int(value: int) -> str:
    return number_format(value, force_grouping=True)


def _percent(part: int, whole: int) -> str:
    return _n(Decimal(part) * 100 / whole, 0) + " %"


def _band(value_ok: bool, value_amber: bool) -> str:
    return GREEN if value_ok else AMBER if value_amber else RED


# --- Aktivt ----------------------------------------------------------------------------------------


def check_posting(f: Facts, t: Thresholds) -> Check:
    per_week = Decimal(f.posts_90d) * 7 / WINDOW_DAYS
    state = _band(
        f.posts_90d * 7 >= t.posts_per_week_green * WINDOW_DAYS,
        f.posts_90d * 7 >= t.posts_per_week_amber * WINDOW_DAYS,
    )
    fact = _("%(per_week)s posts a week (%(posts)d in 90 days)") % {
        "per_week": _n(per_week),
        "posts": f.posts_90d,
    }
    values = {"threshold": _n(t.posts_per_week_green), "platform": f.platform_label}
    if state == GREEN:
        reason = _("Publishes at least %(threshold)s posts a week, the threshold for %(platform)s.") % values
    elif state == AMBER:
        reason = (
            _("Publishes less often than the threshold of %(threshold)s posts a week for %(platform)s.")
            % values
        )
    else:
        reason = (
            _(
                "Publishes far less often than the threshold of %(threshold)s posts a week for %(platform)s: "
                "an account that is seldom updated loses its followers' trust."
            )
            % values
        )
    return Check("posting", _("Posts per week"), state, fact, reason)


def check_last_post(f: Facts, t: Thresholds) -> Check:
    if f.days_since_post is None:
        return Check(
            "last_post",
            _("Last post"),
            RED,
            _("No post seen"),
            _("The portal has not seen a single post from the account."),
        )
    days = f.days_since_post
    state = _band(days <= t.days_since_post_green, days <= t.days_since_post_amber)
    fact = ngettext("%(days)d day ago", "%(days)d days ago", days) % {"days": days}
    if state == GREEN:
        reason = _("Posted within the last %(limit)d days.") % {"limit": t.days_since_post_green}
    else:
        reason = _("No post for %(days)d days; the limit is %(limit)d days.") % {
            "days": days,
            "limit": t.days_since_post_green if state == AMBER else t.days_since_post_amber,
        }
    return Check("last_post", _("Last post"), state, fact, reason)


def check_answers(f: Facts, t: Thresholds) -> Check:
    label = _("Answered within the promise")
    if f.questions_90d == 0:
        return Check(
            "answers",
            label,
            None,
            _("No questions or messages in 90 days"),
            _("There was nothing to answer in the last 90 days."),
        )
    q, ok = f.questions_90d, f.answered_in_time_90d
    state = _band(ok * 100 >= t.answered_share_green * q, ok * 100 >= t.answered_share_amber * q)
    fact = _("%(share)s of %(total)d (%(ok)d on time)") % {"share": _percent(ok, q), "total": q, "ok": ok}
    if f.median_answer_hours is not None:
        fact += ", " + _("median answer time %(hours)s h") % {"hours": _n(f.median_answer_hours)}
    if state == GREEN:
        reason = _(
            "At least %(limit)d %% of questions and messages are answered within 24 hours on working days."
        ) % {"limit": t.answered_share_green}
    else:
        reason = _(
            "Fewer than %(limit)d %% of questions and messages are answered within the promise "
            "“Vi svarar inom 24 timmar under arbetstid, vardagar 8–17”."
        ) % {"limit": t.answered_share_green if state == AMBER else t.answered_share_amber}
    return Check("answers", label, state, fact, reason)


def check_overdue(f: Facts, t: Thresholds) -> Check:
    n = f.overdue_now
    state = GREEN if n == 0 else AMBER if n <= t.overdue_amber_max else RED
    fact = _("%(overdue)d past due of %(open)d open") % {"overdue": n, "open": f.open_now}
    if state == GREEN:
        reason = _("No comment or message is waiting past its due time.")
    else:
        reason = ngettext(
            "%(n)d comment or message is waiting past its due time.",
            "%(n)d comments and messages are waiting past their due time.",
            n,
        ) % {"n": n}
    return Check("overdue", _("Unanswered now"), state, fact, reason)


def check_editor(f: Facts, t: Thresholds) -> Check:
    if f.has_active_editor:
        return Check("editor", _("Active editor"), GREEN, _("Yes"), _("The account has an active editor."))
    return Check(
        "editor",
        _("Active editor"),
        RED,
        _("No"),
        _("No editor of the account has logged in recently: nobody is answering for it."),
    )


def active(f: Facts, t: Thresholds) -> Verdict:
    """Aktivt: the account posts regularly and answers comments and messages."""
    checks = [check_posting(f, t), check_last_post(f, t), check_answers(f, t), check_overdue(f, t)]
    checks.append(check_editor(f, t))
    return Verdict("active", pgettext("criterion", "Active"), checks)


# --- Effektivt -------------------------------------------------------------------------------------


def check_stated(f: Facts, t: Thresholds) -> Check:
    missing = [
        str(name)
        for name, given in (
            (_("purpose"), f.has_purpose),
            (_("goal"), f.has_goal),
            (_("target group"), f.has_target_group),
        )
        if not given
    ]
    label = _("Purpose, goal and target group")
    if not missing:
        return Check("stated", label, GREEN, _("All stated"), _("Purpose, goal and target group are stated."))
    state = RED if not f.has_purpose else AMBER
    fact = _("Missing: %(missing)s") % {"missing": ", ".join(missing)}
    reason = _("The account must have a purpose tied to the goals of the activity; state %(missing)s.") % {
        "missing": ", ".join(missing)
    }
    return Check("stated", label, state, fact, reason)


def check_booked(f: Facts, t: Thresholds) -> Check:
    label = _("Posts with a booking")
    if f.posts_90d == 0:
        return Check("booked", label, None, _("No posts in 90 days"), _("No posts to judge."))
    b, p = f.booked_posts_90d, f.posts_90d
    state = _band(b * 100 >= t.booked_share_green * p, b * 100 >= t.booked_share_amber * p)
    fact = _("%(share)s (%(booked)d of %(posts)d)") % {"share": _percent(b, p), "booked": b, "posts": p}
    if state == GREEN:
        reason = _("Most posts are booked in the calendar, with their objective and category known.")
    else:
        reason = _(
            "Fewer than %(limit)d %% of the posts are booked: their objective and category are unknown."
        ) % {"limit": t.booked_share_green if state == AMBER else t.booked_share_amber}
    return Check("booked", label, state, fact, reason)


def check_engagement(f: Facts, t: Thresholds) -> Check:
    label = _("Engagement against the city")
    if f.engagement_rate is None:
        return Check(
            "engagement",
            label,
            AMBER,
            _("No figures"),
            _(
                "The account has no figures for the last three months: "
                "connect it so the portal can measure it."
            ),
        )
    if not f.city_median_engagement:
        return Check(
            "engagement",
            label,
            None,
            _("%(rate)s %%") % {"rate": _n(f.engagement_rate * 100, 2)},
            _("No city median to compare with."),
        )
    ratio = Decimal(str(f.engagement_rate)) * 100 / Decimal(str(f.city_median_engagement))
    state = _band(ratio >= t.engagement_vs_median_green, ratio >= t.engagement_vs_median_amber)
    values = {
        "rate": _n(f.engagement_rate * 100, 2),
        "median": _n(f.city_median_engagement * 100, 2),
        "platform": f.platform_label,
    }
    fact = _("%(rate)s %% (city median on %(platform)s %(median)s %%)") % values
    if state == GREEN:
        reason = (
            _("Engages its followers about as well as the city's other accounts on %(platform)s.") % values
        )
    else:
        reason = (
            _(
                "Engages its followers clearly less than the city's other accounts on %(platform)s "
                "(median %(median)s %%)."
            )
            % values
        )
    return Check("engagement", label, state, fact, reason)


def check_trend(f: Facts, t: Thresholds) -> Check:
    label = _("Engagement against its own trend")
    if f.engagement_rate is None or not f.engagement_trend:
        return Check("trend", label, None, _("Too few months"), _("Too few months of figures for a trend."))
    recent = Decimal(str(f.engagement_rate))
    before = Decimal(str(f.engagement_trend))
    drop = (before - recent) * 100 / before
    state = AMBER if drop >= t.engagement_drop_amber else GREEN
    fact = _("%(recent)s %% against %(before)s %% earlier") % {
        "recent": _n(recent * 100, 2),
        "before": _n(before * 100, 2),
    }
    if state == GREEN:
        reason = _("Engagement holds up against the account's own earlier months.")
    else:
        reason = _("Engagement has fallen by %(drop)s %% against the account's own earlier months.") % {
            "drop": _n(drop, 0)
        }
    return Check("trend", label, state, fact, reason)


def check_followers(f: Facts, t: Thresholds) -> Check:
    label = _("Followers over 12 months")
    if f.followers_now is None or not f.followers_year_ago:
        return Check(
            "followers", label, None, _("No figures a year back"), _("No follower count a year back.")
        )
    change = Decimal(f.followers_now - f.followers_year_ago) * 100 / f.followers_year_ago
    state = GREEN if change >= 0 else AMBER if -change <= t.follower_loss_red else RED
    fact = _("%(now)s (%(change)s %% in 12 months)") % {
        "now": _int(f.followers_now),
        "change": ("+" if change >= 0 else "") + _n(change),
    }
    if state == GREEN:
        reason = _("The account keeps or gains followers.")
    elif state == AMBER:
        reason = _("The account is losing followers.")
    else:
        reason = _("The account has lost more than %(limit)d %% of its followers in a year.") % {
            "limit": t.follower_loss_red
        }
    return Check("followers", label, state, fact, reason)


def effective(f: Facts, t: Thresholds) -> Verdict:
    """Effektivt: a purpose tied to the activity's goals, known objectives, an audience that engages."""
    checks = [check_stated(f, t), check_booked(f, t), check_engagement(f, t), check_trend(f, t)]
    checks.append(check_followers(f, t))
    return Verdict("effective", pgettext("criterion", "Effective"), checks)


# --- Långsiktigt -----------------------------------------------------------------------------------


def check_end(f: Facts, t: Thresholds) -> Check:
    label = _("End date")
    if f.end_date is None:
        return Check("end", label, GREEN, _("None"), _("The account has no end date."))
    fact = f.end_date.isoformat()
    if f.end_date < f.day:
        return Check(
            "end",
            label,
            RED,
            fact,
            _("The end date has passed: decide whether the account is to be closed or merged."),
        )
    if f.has_end_plan:
        reason = _("Time-limited; what happens at the end is stated. The guideline: “%(advice)s”.")
        return Check("end", label, AMBER, fact, reason % {"advice": GUIDELINE_TIME_LIMITED})
    reason = _("Time-limited, and nobody has said what happens at the end. The guideline: “%(advice)s”.")
    return Check("end", label, RED, fact, reason % {"advice": GUIDELINE_TIME_LIMITED})


def check_age(f: Facts, t: Thresholds) -> Check:
    years, days = divmod(f.age_days, 365)
    fact = (
        ngettext("%(n)d year", "%(n)d years", years) % {"n": years}
        if years
        else ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
    )
    return Check(
        "age", _("Age in the inventory"), None, fact, _("How long the account has been in the inventory.")
    )


def check_versus_citywide(f: Facts, t: Thresholds) -> Check:
    label = _("Followers against the city-wide account")
    if f.is_citywide:
        return Check("citywide", label, None, _("This is a city-wide account"), _("The city's own account."))
    if f.followers_now is None or not f.citywide_followers:
        return Check(
            "citywide",
            label,
            None,
            _("No comparison"),
            _("No follower counts to compare with the city-wide account on %(platform)s.")
            % {"platform": f.platform_label},
        )
    share = f.followers_now * 100
    state = _band(
        share >= t.followers_vs_citywide_green * f.citywide_followers,
        share >= t.followers_vs_citywide_amber * f.citywide_followers,
    )
    values = {"own": _int(f.followers_now), "city": _int(f.citywide_followers), "platform": f.platform_label}
    fact = _("%(own)s against %(city)s") % values
    if state == GREEN:
        reason = _("Has a following of its own beside the city-wide account on %(platform)s.") % values
    else:
        reason = (
            _(
                "The city-wide account on %(platform)s has %(city)s followers and this one %(own)s: the "
                "guideline prefers existing accounts with followers; consider publishing there."
            )
            % values
        )
    return Check("citywide", label, state, fact, reason)


def longterm(f: Facts, t: Thresholds) -> Verdict:
    """Långsiktigt: no accounts for time-limited projects; prefer existing accounts with followers."""
    checks = [check_end(f, t), check_age(f, t), check_versus_citywide(f, t)]
    return Verdict("longterm", pgettext("criterion", "Long-term"), checks)


CRITERIA = (active, effective, longterm)


def judge(f: Facts, t: Thresholds) -> list[Verdict]:
    return [criterion(f, t) for criterion in CRITERIA]
