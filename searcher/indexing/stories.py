"""The copies of a story as a query reads them: the small `copies.json` of a generation,
which searcher.indexing.copies writes when the index is built (without numpy, and without
the build side's code: every cold query imports this)."""

from __future__ import annotations

import json
from dataclasses import field
from pathlib import Path

from ..lean import record, sha1

QUERY_FILE = "copies.json"
FORMAT = 1  # of copies.json and copies-sketch.npz


def story_id(article_id: str) -> str:
    """The story id an article has while it has no copies; a group keeps one of its members'."""
    return "s" + sha1(article_id.encode("utf-8")).hexdigest()[:12]


@record
class Stories:
    """The copies of one generation, as queries use them: no numpy, one small JSON file."""

    articles: int = 0
    stories: int = 0
    groups: dict[str, list[dict]] = field(default_factory=dict)  # story id -> members, representative first
    story_of: dict[int, str] = field(default_factory=dict)  # document number -> story id (grouped only)
    by_id: dict[str, str] = field(default_factory=dict)  # article id -> story id (grouped only)

    def story(self, article_id: str) -> str:
        return self.by_id.get(article_id) or story_id(article_id)

    def copies_of(self, article_id: str) -> list[dict]:
        """The other members of the article's group (none when it has no copies)."""
        story = self.by_id.get(article_id)
        return [m for m in self.groups.get(story, ()) if m["id"] != article_id] if story else []


def load_stories(folder: Path) -> Stories | None:
    """The copies of the generation in `folder`; None when it has none recorded (made by a
    version of searcher before copies were found: the next update finds them)."""
    try:
        data = json.loads((Path(folder) / QUERY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    stories = Stories(articles=data.get("articles", 0), stories=data.get("stories", 0))
    for entry in data.get("groups", []):
        name, members = entry["story"], entry["members"]
        stories.groups[name] = members
        for member in members:
            stories.story_of[member["docnum"]] = name
            stories.by_id[member["id"]] = name
    return stories
