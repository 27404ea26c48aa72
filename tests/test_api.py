"""The public API: what `import storyline` promises."""

from __future__ import annotations

import storyline


def test_every_public_name_is_importable():
    for name in storyline.__all__:
        assert getattr(storyline, name) is not None, name


def test_readme_python_example_runs(seeds_dir):
    brief = storyline.build_brief(storyline.load_articles(seeds_dir), storyline.BriefConfig(words=120))
    assert brief.summary
    for item in brief.summary:
        ref = item.support[0]
        document = next(d for d in brief.documents if d.id == ref.doc)
        assert document.article.text[ref.start : ref.end] == item.text
