"""Template catalog: the search path, show, copy, and the check against sample officials."""

from __future__ import annotations

from pathlib import Path

import pytest

from civickit.campaign import Campaign, load_campaign
from civickit.errors import UsageError
from civickit.materials.catalog import (
    check_templates,
    copy_template,
    find_template,
    list_templates,
    sample_officials,
)

OFFICE_TEMPLATES = [
    "letter_us_senate",
    "letter_us_house",
    "letter_state_upper",
    "letter_state_lower",
    "letter_other",
]


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign()


def test_built_in_templates_cover_every_office_and_format(campaign: Campaign) -> None:
    names = {info.name for info in list_templates(campaign)}
    for stem in ["letter_base", *OFFICE_TEMPLATES]:
        assert {f"{stem}.txt", f"{stem}.md", f"{stem}.html"} <= names
    assert {"callscript.txt", "callscript.md"} <= names


def test_template_dir_shadows_built_in(campaign: Campaign, tmp_path: Path) -> None:
    (tmp_path / "letter_us_senate.txt").write_text("mine\n", encoding="utf-8")
    found = [i for i in list_templates(campaign, tmp_path) if i.name == "letter_us_senate.txt"]
    assert [(i.origin, i.shadowed) for i in found] == [("template-dir", False), ("built-in", True)]
    assert find_template(campaign, "letter_us_senate.txt", tmp_path)[0].path == (
        tmp_path / "letter_us_senate.txt"
    )


def test_find_by_bare_name_and_unknown_name(campaign: Campaign) -> None:
    assert [i.name for i in find_template(campaign, "letter_other")] == [
        "letter_other.html",
        "letter_other.md",
        "letter_other.txt",
    ]
    with pytest.raises(UsageError, match="no template 'nope'; see 'civickit templates list'"):
        find_template(campaign, "nope")


def test_copy_then_refuse_to_overwrite(campaign: Campaign, tmp_path: Path) -> None:
    copied = copy_template(campaign, "letter_us_house", tmp_path / "mine")
    assert sorted(p.name for p in copied) == [
        "letter_us_house.html",
        "letter_us_house.md",
        "letter_us_house.txt",
    ]
    assert copied[0].read_text(encoding="utf-8").startswith('{% extends "letter_base.')
    mine = tmp_path / "mine" / "letter_us_house.txt"
    mine.write_text("my edits", encoding="utf-8")
    with pytest.raises(UsageError, match="already exists; allow replacing it or choose an"):
        copy_template(campaign, "letter_us_house.txt", tmp_path / "mine")
    assert mine.read_text(encoding="utf-8") == "my edits"
    copy_template(campaign, "letter_us_house.txt", tmp_path / "mine", force=True)
    assert mine.read_text(encoding="utf-8").startswith('{% extends "letter_base.')


def test_sample_officials_cover_every_office_and_title() -> None:
    samples = sample_officials()
    assert {o.office for o in samples} == {
        "us-senate",
        "us-house",
        "state-upper",
        "state-lower",
        "other",
    }
    assert {"Delegate", "Resident Commissioner", "Assemblymember"} <= {o.title for o in samples}


def test_built_in_templates_pass_the_check(campaign: Campaign) -> None:
    report = check_templates(campaign)
    assert report.problems == []
    assert len(report.checked) == 24
    assert report.samples == 10


def test_check_reports_file_and_line_for_each_error(campaign: Campaign, tmp_path: Path) -> None:
    (tmp_path / "letter_us_senate.txt").write_text(
        '{% extends "letter_base.txt" %}\n{% block opening %}\n{{ official.nickname }}\n'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    (tmp_path / "broken.md").write_text("line one\n{% if %}\n", encoding="utf-8")
    (tmp_path / "mine.html").write_text("ok {{ salutation }}\n{{ nope }}\n", encoding="utf-8")
    (tmp_path / "factsheet.md").write_text("{{ not_a_letter }}\n", encoding="utf-8")
    report = check_templates(campaign, tmp_path)
    assert report.checked == ["broken.md", "factsheet.md", "letter_us_senate.txt", "mine.html"]
    assert report.skipped == []
    assert report.problems == [
        f"{tmp_path / 'broken.md'}:2: Expected an expression, got 'end of statement block'",
        f"{tmp_path / 'factsheet.md'}:1: 'not_a_letter' is undefined",
        f"{tmp_path / 'letter_us_senate.txt'}:3: 'civickit.core.officials.Official object' has no "
        "attribute 'nickname'",
        f"{tmp_path / 'mine.html'}:2: 'nope' is undefined",
    ]


def test_check_of_a_missing_folder_is_a_usage_error(campaign: Campaign, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such folder"):
        check_templates(campaign, tmp_path / "absent")


def test_check_renders_social_and_factsheet_templates(campaign: Campaign, tmp_path: Path) -> None:
    (tmp_path / "social_post_x.txt").write_text("{{ body }} {{ nope }}\n", encoding="utf-8")
    (tmp_path / "factsheet.html").write_text("<p>{{ sheet.title }}</p>\n", encoding="utf-8")
    report = check_templates(campaign, tmp_path)
    assert report.checked == ["factsheet.html", "social_post_x.txt"]
    assert report.problems == [f"{tmp_path / 'social_post_x.txt'}:1: 'nope' is undefined"]


def test_every_built_in_template_is_checked(campaign: Campaign) -> None:
    report = check_templates(campaign)
    assert report.problems == []
    assert report.skipped == []
    assert {"factsheet.html", "factsheet.md", "social_post.txt", "callscript.txt"} <= set(
        report.checked
    )
