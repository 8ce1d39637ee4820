"""AKN's account review (/accounts/review/) at size S and L against the framework floor (quality.md
bars 1 and 2): the page as AKN (every account, worst first and by name, filtered by a state) and as
a lead, the htmx "show more", and one account's review (its facts measured live).

The page reads the states the nightly task stores; this bench stores them first on each data set
(not measured as a page, but its time is printed: the nightly task's cost for every account).
A row's reasons, once judged, are kept in the cache until the row is stored again: the pages'
figures are those of later readers; the first reader's page after the nightly run, with no reasons
kept, is printed on its own.
"""

from __future__ import annotations

import time

from . import datagen, harness

HTMX = {"HX-Request": "true"}


def store_states() -> None:
    from metrics.review import services

    for size in harness.SIZES:
        with harness.data_size(size):
            started = time.perf_counter()
            count = services.review_store()
            print(f"bench_review: the nightly review of {count} accounts at size {size} took "
                  f"{time.perf_counter() - started:.1f} s")  # fmt: skip


def first_reader() -> None:
    """The AKN page with no reasons kept (the first reader after the nightly run), at both sizes."""
    from django.core.cache import cache

    for size in harness.SIZES:
        with harness.data_size(size):
            client = harness.login(datagen.AKN_USERNAME)
            client.get("/accounts/review/")  # templates compiled, connection open
            times = []
            for _n in range(5):
                cache.clear()
                started = time.perf_counter()
                client.get("/accounts/review/")
                times.append(time.perf_counter() - started)
            print(
                f"bench_review: the AKN page with no reasons kept, at size {size}: "
                f"{sorted(times)[2] * 1000:.0f} ms (median of 5)"
            )


def second_page() -> str:
    """The htmx "show more" after the first 5 rows of the name order, on the current data set: size
    S has 30 accounts, so its "more" shows 25 rows like size L's, a full page (REVIEW_PAGE_SIZE 25),
    and the two sizes compare the same work."""
    from django.conf import settings

    from accounts.models import SocialAccount
    from helsocial.pagination import keyset_page
    from metrics.review import services
    from metrics.review.forms import SORTS

    rows = services.review_rows(accounts=SocialAccount.objects.all(), day=services.latest_day())
    page = keyset_page(rows, order=SORTS["name"], after=None, size=min(5, settings.REVIEW_PAGE_SIZE))
    return f"/accounts/review/?sort=name&after={page.next_cursor}"


def first_account_review() -> str:
    from django.urls import reverse

    from accounts.models import SocialAccount

    account = SocialAccount.objects.filter(administration_id=1).order_by("id").first()
    if account is None:
        raise harness.BenchError("no account in förvaltning 1: run `make bench`")
    return reverse("metrics:review-account", args=[account.pk])


def pages() -> list[harness.Page]:
    akn, lead = datagen.AKN_USERNAME, datagen.lead_username(1)
    return [
        harness.Page("review (AKN, worst first)", akn, "/accounts/review/"),
        harness.Page("review (AKN, by name)", akn, "/accounts/review/?sort=name"),
        harness.Page("review (AKN, active=red)", akn, "/accounts/review/?active=red"),
        harness.Page("review show more (htmx)", akn, second_page, headers=HTMX),
        harness.Page("review (lead)", lead, "/accounts/review/"),
        harness.Page("account review (lead)", lead, first_account_review),
    ]


def main() -> None:
    harness.setup()
    store_states()
    first_reader()
    harness.report(harness.compare(pages(), floor_user=datagen.AKN_USERNAME), title="bench_review")


if __name__ == "__main__":
    main()
