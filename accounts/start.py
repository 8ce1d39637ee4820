"""The start page's counts: what waits for the person, as links.

The start page is the accounts app's, the lowest floor, but what waits lies in the floors above it
(the queues, the calendar). Each app above registers a provider here when Django starts
(`AppConfig.ready`); the start page asks every provider for its cards. So the imports still run one
way: the apps above name this module, this module names none of them.

A provider is called once per start page with the person and `StartPage` (the roles read once), and
returns its cards; it reads its counts with a few aggregate queries, never a query per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from .access import StartPage
from .models import User


@dataclass(frozen=True)
class StartLink:
    """One link to waiting work. `count` None: a link without a count ("Ny bokning")."""

    label: str
    url: str
    count: int | None = None
    # A count that asks for action now (overdue comments, accounts without an editor): the page
    # marks it with a word and a sign as well as colour.
    urgent: bool = False
    # A figure kept by accounts/summary.py: when it was counted, which the page says.
    counted_at: datetime | None = None


@dataclass(frozen=True)
class StartCard:
    title: str
    links: tuple[StartLink, ...]
    text: str = ""
    order: int = 50  # lower first
    key: str = field(default="", compare=False)
    # Every count of the card kept by accounts/summary.py: when they were counted.
    counted_at: datetime | None = None


Provider = Callable[[User, StartPage, datetime], Iterable[StartCard]]

_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider (usable as a decorator). Registering one twice keeps one."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def cards_for(user: User, offers: StartPage, now: datetime) -> list[StartCard]:
    cards = [card for provider in _providers for card in provider(user, offers, now)]
    return sorted(cards, key=lambda card: card.order)
