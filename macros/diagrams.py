"""The articles' two flowcharts, drawn at build time as nested HTML lists (no script needed)."""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class Node:
    """A step, or a decision whose branches are (edge label, first node of the branch)."""

    text: str
    then: "Node | None" = None
    branches: tuple[tuple[str, "Node"], ...] = field(default=())


def chain(*texts: str, end: Node | None = None) -> Node:
    """A straight run of steps."""
    node = end
    for text in reversed(texts):
        node = Node(text, then=node)
    assert node is not None
    return node


FLOWS: dict[str, tuple[str, Node]] = {
    "early_career_decision": (
        "Early academic career decision flow",
        chain("Residency graduation", end=Node("What title does the offer carry?", branches=(
            ("Assistant Professor", chain("On a promotion track", "Build a portfolio for Associate Professor")),
            ("Instructor", Node("Is there a defined path to Assistant Professor?", branches=(
                ("Yes", chain("Bridge role with a 2\u20133 year plan", "Build the CV for Assistant Professor, or move")),
                ("No", chain("Service job with limited promotion",
                             "Settle on a clinical career, or change jobs")),
            ))),
        ))),
    ),
    "ce_promotion_pathway": (
        "Clinician-educator promotion development pathway",
        chain("Start as Assistant Professor", "Choose an education niche", "Take focused education roles",
              "Design projects with publishable outcomes", "Present at national meetings",
              "Publish a series of education papers", "Take on national education roles",
              "Apply for promotion on the education track"),
    ),
}


def flowchart(key: str) -> str:
    """The flowchart ``key`` as a figure of nested ordered lists."""
    title, start = FLOWS[key]
    return (f'<figure class="flow" id="flow-{escape(key.replace("_", "-"))}">'
            f'<figcaption>{escape(title)}</figcaption>{_steps(start)}</figure>')


def _steps(node: Node | None) -> str:
    items = []
    while node is not None:
        if node.branches:
            branches = "".join(
                f'<li class="flow-branch"><span class="flow-edge">{escape(label)}</span>{_steps(first)}</li>'
                for label, first in node.branches)
            items.append(f'<li class="flow-step flow-decision"><span class="flow-box">{escape(node.text)}</span>'
                         f'<ul class="flow-branches">{branches}</ul></li>')
            break
        items.append(f'<li class="flow-step"><span class="flow-box">{escape(node.text)}</span></li>')
        node = node.then
    return f'<ol class="flow-steps">{"".join(items)}</ol>'
