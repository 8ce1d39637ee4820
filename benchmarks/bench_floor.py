"""The framework floor and the pages that exist so far, at size S and L (quality.md bars 1 and 2).

The floor is the least a logged-in page costs (session, user, middleware, the base layout with its
menu: benchmarks/floor_urls.py); every page is measured against it in the same run.
"""

from __future__ import annotations

from . import datagen, harness


def first_account_path() -> str:
    """The lead's first account: the same förvaltning and account on both data sets."""
    from django.urls import reverse

    from accounts.models import SocialAccount

    account = SocialAccount.objects.filter(administration_id=1).order_by("id").first()
    if account is None:
        raise harness.BenchError("no account in förvaltning 1: run `make bench`")
    return reverse("accounts:account-detail", args=[account.pk])


def pages() -> list[harness.Page]:
    lead = datagen.lead_username(1)
    editor = datagen.editor_username(1, 1)
    return [
        harness.Page("start page (AKN)", datagen.AKN_USERNAME, "/"),
        harness.Page("start page (lead)", lead, "/"),
        harness.Page("start page (editor)", editor, "/"),
        harness.Page("accounts list (AKN, all)", datagen.AKN_USERNAME, "/accounts/"),
        harness.Page("accounts list (lead)", lead, "/accounts/"),
        harness.Page("account detail (lead)", lead, first_account_path),
    ]


def kept_figures(runs: int = 5) -> None:
    """The start pages read the city-wide counts kept by accounts/summary.py; a beat task counts
    them (and a page that finds none, or one too old). Print what one count costs, so that the
    start pages' figures above hide nothing."""
    import statistics

    from accounts import summary

    took: dict[tuple[str, str], list[float]] = {}
    for size in harness.SIZES:
        with harness.data_size(size):
            summary.refresh_all()  # warm
            for _ in range(runs):
                for name, ms in summary.refresh_all().items():
                    took.setdefault((name, size), []).append(ms)
    print(
        f"\nthe start page's kept figures (accounts/summary.py): counted by the beat task every "
        f"{summary.REFRESH_SECONDS} s, and by a page that finds none older than {summary.STALE_SECONDS} s; "
        f"median ms of one count, {runs} counts"
    )
    for name in summary.names():
        s, large = (statistics.median(took[(name, size)]) for size in harness.SIZES)
        print(f"{name:<36}   S {s:8.2f}   L {large:8.2f}")


def main() -> None:
    harness.setup()
    harness.report(harness.compare(pages(), floor_user=datagen.AKN_USERNAME), title="bench_floor")
    kept_figures()


if __name__ == "__main__":
    main()
