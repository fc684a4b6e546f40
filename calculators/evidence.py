"""Figures quoted from the source articles, with where they come from.

These are one author's informal estimates, not official data. Charts in the guides and the
calculators' weights are read from here, so the two can never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    """A source article."""

    title: str
    subtitle: str
    publisher: str
    published: str

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}"


TITLES_ARTICLE = Article(title="Academic Titles and Tracks Decoded",
                         subtitle="Instructor vs Assistant Professor Roles",
                         publisher="Residency Advisor", published="2026-01-07")
TRACKS_ARTICLE = Article(title="The Truth About Education Tracks",
                         subtitle="What They Do\u2014and Don\u2019t\u2014Do for Promotion",
                         publisher="Residency Advisor", published="2026-01-08")

ARTICLES: dict[str, Article] = {"titles": TITLES_ARTICLE, "tracks": TRACKS_ARTICLE}


@dataclass(frozen=True)
class Series:
    """A chart: labeled values with a unit and the article they come from."""

    key: str
    title: str
    unit: str
    maximum: float
    points: tuple[tuple[str, float], ...]
    article: Article
    note: str

    def value(self, label: str) -> float:
        return dict(self.points)[label]


CLINICAL_TIME_BY_TITLE = Series(
    "clinical_time_by_title",
    "Estimated clinical time by title at research-heavy institutions",
    "% of effort",
    100,
    (("Instructor", 90), ("Assistant Professor (clinician-educator)", 75),
     ("Assistant Professor (research)", 50)),
    TITLES_ARTICLE,
    "Rough share of working time spent in clinical care, as estimated by the article's author.",
)

PROMOTION_LIKELIHOOD_BY_CONTEXT = Series(
    "promotion_likelihood_by_context",
    "Approximate chance of promotion from Instructor to Assistant Professor, by context",
    "% chance",
    100,
    (("Structured bridge at a research center", 85),
     ("Mid-tier clinician-educator track with a clear policy", 60),
     ("Service-heavy Instructor role with a vague plan", 15)),
    TITLES_ARTICLE,
    "The author's approximate odds; no institution publishes these.",
)

EDUCATION_ACTIVITY_VALUE = Series(
    "education_activity_value",
    "Perceived promotion value of common education activities",
    "relative value, 0\u2013100",
    100,
    (("Coherent series of 3\u20135 related education publications", 95),
     ("National workshop faculty for several years", 80),
     ("One high-quality education paper in a solid journal", 70),
     ("Major local course or clerkship director role", 60),
     ("Dozens of lectures with strong evaluations", 40),
     ("A student-voted teaching award", 30)),
    TRACKS_ARTICLE,
    "How promotion committees tend to weigh these, in the author's telling: a relative scale, "
    "not an official point system.",
)

SERIES: dict[str, Series] = {s.key: s for s in (
    CLINICAL_TIME_BY_TITLE, PROMOTION_LIKELIHOOD_BY_CONTEXT, EDUCATION_ACTIVITY_VALUE)}
