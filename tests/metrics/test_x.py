"""The X client and X's weighted length."""

from __future__ import annotations

import pytest

from platforms.base import DuplicateContent, RateLimited, TokenExpired
from platforms.x import MAX_WEIGHTED_LENGTH, XClient, shorten_for_x, weighted_length


def client() -> XClient:
    return XClient(user_id="42", token="good-token")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hej", 3),
        ("Välkommen till Helsingborg!", 27),  # å, ä, ö are in U+0000-10FF: weight 1
        ("Åäö", 3),
        ("A\u030a", 1),  # decomposed Å: NFC makes it one code point
        ("😀", 2),
        ("👍🏽", 2),  # emoji + skin tone: one sequence
        ("👨‍👩‍👧‍👦", 2),  # family ZWJ sequence
        ("🇸🇪", 2),  # flag
        ("1️⃣", 2),  # keycap
        ("❤️", 2),
        ("日本", 4),  # CJK weighs 2
        ("“citat” – nu", 12),  # U+2010-201F weighs 1
        ("Läs mer: https://helsingborg.se/en-mycket-lang-adress/som/fortsatter?a=1&b=2", 32),
        ("Se helsingborg.se och www.example.com/x.", 3 + 23 + 5 + 23 + 1),
        ("Tack 🙏 https://a.se", 5 + 2 + 1 + 23),
    ],
)
def test_weighted_length(text, expected):
    assert weighted_length(text) == expected


def test_short_text_and_link_are_joined_unchanged():
    assert (
        shorten_for_x("Nytt pressmeddelande", "https://helsingborg.se/p/1")
        == "Nytt pressmeddelande https://helsingborg.se/p/1"
    )


def test_long_swedish_text_with_emoji_is_cut_at_a_word_to_fit():
    text = "Helsingborgs stad satsar på fler cykelbanor och grönare gator 🚲🌳 " * 12
    url = "https://helsingborg.se/pressmeddelanden/2026/11/cykelbanor-och-gronare-gator"
    out = shorten_for_x(text, url)
    assert weighted_length(out) <= MAX_WEIGHTED_LENGTH
    assert weighted_length(out) >= MAX_WEIGHTED_LENGTH - 15  # not cut more than a word's worth
    assert out.endswith("… " + url)
    body = out[: -len(url) - 2]
    assert text.startswith(body)  # cut at a word boundary: a prefix of whole words
    assert text[len(body)] == " "


def test_cjk_text_counts_double():
    out = shorten_for_x("漢" * 300, "https://a.se")
    assert weighted_length(out) <= MAX_WEIGHTED_LENGTH


def test_publish_posts_text(fake_x):
    post_id = client().publish("Hej Helsingborg! https://helsingborg.se")
    assert fake_x.posted == [{"id": post_id, "text": "Hej Helsingborg! https://helsingborg.se"}]
    assert fake_x.calls("POST")[0].headers["Authorization"] == "Bearer good-token"


def test_duplicate_content_is_its_own_error(fake_x):
    client().publish("Samma text")
    with pytest.raises(DuplicateContent):
        client().publish("Samma text")


def test_a_lost_answer_retried_becomes_duplicate_not_a_second_post(fake_x):
    fake_x.fault("late:0.8", path="/2/tweets")  # X posts it but we time out
    with pytest.raises(DuplicateContent):
        client().publish("Bara en gång")
    assert len(fake_x.posted) == 1


@pytest.mark.parametrize("fault", ["429", "429:v1", "500", "truncated"])
def test_rate_limits_and_faults_are_retried(fake_x, fault):
    fake_x.fault(fault)
    client().publish("Efter väntan")
    assert len(fake_x.posted) == 1


def test_rate_limit_reset_far_away_is_left_to_the_task(fake_x, settings):
    settings.PLATFORM_HTTP_MAX_INLINE_WAIT = 0.1
    fake_x.fault("429")
    with pytest.raises(RateLimited) as caught:
        client().publish("Vänta")
    assert caught.value.retry_after is not None and caught.value.retry_after <= 2


def test_401_is_expired(fake_x):
    with pytest.raises(TokenExpired):
        XClient(user_id="42", token="old").publish("Hej")


def test_posts_and_their_replies_are_read(fake_x):
    from datetime import UTC, datetime

    for n in range(15):
        fake_x.has_post(
            f"1{n:02d}", text=f"Inlägg {n} https://t.co/x", created_at=f"2026-11-2{n % 3}T10:00:00.000Z"
        )
    for n in range(12):
        fake_x.has_reply(
            "100",
            f"9{n:02d}",
            text=f"Svar {n}",
            created_at="2026-11-23T11:00:00.000Z",
            author=str(n),
            to="100",
        )
    fake_x.has_reply(
        "100", "999", text="Svar på svar", created_at="2026-11-23T12:00:00.000Z", author="7", to="900"
    )
    c = client()
    posts = list(c.posts_since(datetime(2026, 11, 21, tzinfo=UTC)))
    assert len(posts) == 10  # the 20th's are older
    assert posts[0].created_at == datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
    replies = list(c.comments("100"))
    assert len(replies) == 13
    assert len(fake_x.calls("GET", "/search/recent$")) == 1  # max_results 100: one page
    assert replies[0].kind == "comment" and replies[0].author_name == "user0"
    assert replies[-1].kind == "reply" and replies[-1].parent_id == "900"


def test_public_metrics_map_and_missing_are_none(fake_x):
    fake_x.has_post(
        "100",
        text="Hej",
        created_at="2026-11-23T10:00:00.000Z",
        metrics={
            "like_count": 5,
            "reply_count": 2,
            "retweet_count": 1,
            "quote_count": 1,
            "bookmark_count": 3,
        },
    )
    metrics = client().post_metrics(["100", "404"])
    assert (
        metrics["100"].reactions,
        metrics["100"].comments,
        metrics["100"].shares,
        metrics["100"].saves,
    ) == (5, 2, 2, 3)
    assert metrics["100"].reach is None and metrics["404"].reactions is None
    assert client().account_metrics(None).followers == 5120
