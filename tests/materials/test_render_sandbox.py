"""Templates are shared between organisers: every render runs sandboxed and bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from civickit.errors import TemplateRenderError, UsageError
from civickit.materials import render
from support.cli import RunCli, invoke

HOSTILE = {
    "globals_of_cycler": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "dunder_class": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "mutating_data": "{{ items.append(4) }}",
    "format_escape": "{{ '{0.__class__}'.format(items) }}",
}


def _render(folder: Path, source: str, **context: object) -> str:
    (folder / "t.txt").write_text(source, encoding="utf-8")
    env = render.make_environment([folder])
    return render.render_template(env, "t.txt", context)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_templates_are_one_line_errors(tmp_path: Path, name: str) -> None:
    with pytest.raises(TemplateRenderError) as caught:
        _render(tmp_path, HOSTILE[name], items=[1, 2, 3])
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 't.txt'}:1: ")
    assert "\n" not in message
    assert "uid=" not in message


def test_ordinary_jinja_still_works(tmp_path: Path) -> None:
    source = (
        "{% set ns = namespace(total=0) %}{% for i in range(4) %}{% set ns.total = ns.total + i %}"
        "{% endfor %}{{ ns.total }} {{ items | join(',') }} {{ 'x' * 3 }}"
    )
    assert _render(tmp_path, source, items=[1, 2]) == "6 1,2 xxx"


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0\n", encoding="utf-8")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "letter_us_house.txt").symlink_to(secret)
    env = render.make_environment([folder])
    with pytest.raises(TemplateRenderError, match="leads outside its folder"):
        render.render_template(env, "letter_us_house.txt", {})


def test_a_symlink_inside_the_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("hello\n", encoding="utf-8")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "real.txt")
    env = render.make_environment([tmp_path])
    assert render.render_template(env, "alias.txt", {}) == "hello\n"


def test_include_of_a_parent_path_is_not_found(tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_text("outside\n", encoding="utf-8")
    folder = tmp_path / "templates"
    folder.mkdir()
    with pytest.raises(UsageError, match=r"no template '\.\./outside\.txt' to include"):
        _render(folder, "{% include '../outside.txt' %}")


def test_a_runaway_template_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "RENDER_SECONDS", 0.2)
    source = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    with pytest.raises(TemplateRenderError, match=r"t\.txt:1: template ran longer than 0\.2 s"):
        _render(tmp_path, source)


def test_runaway_recursion_is_a_one_line_error(tmp_path: Path) -> None:
    source = "{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(0) }}"
    with pytest.raises(TemplateRenderError, match="recursed"):
        _render(tmp_path, source)


def test_arithmetic_errors_in_a_template_name_the_line(tmp_path: Path) -> None:
    with pytest.raises(TemplateRenderError, match=r"t\.txt:2: ZeroDivisionError"):
        _render(tmp_path, "ok\n{{ 1 / 0 }}\n")


def test_hostile_template_dir_through_the_cli(lookup_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "letter_us_house.txt").write_text(HOSTILE["globals_of_cycler"] + "\n", "utf-8")
    result = invoke(
        ["letter", "--district", "CA-12", "--to", "house", "--name", "Ada Lopez",
         "--from-address", "1 Main St, Oakland, CA 94612", "--template-dir", str(folder)],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "uid=" not in result.output
    assert "Traceback" not in result.output
    assert result.stderr.startswith("Error: ")
    assert "letter_us_house.txt:1:" in result.stderr


def test_templates_check_reports_hostile_templates(tmp_path: Path) -> None:
    (tmp_path / "letter_us_house.txt").write_text(HOSTILE["dunder_class"] + "\n", "utf-8")
    result = invoke(["templates", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'letter_us_house.txt'}:1:" in result.stdout
    assert "Traceback" not in result.output


def test_templates_check_stops_a_runaway_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli
) -> None:
    monkeypatch.setattr(render, "RENDER_SECONDS", 0.2)
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    (tmp_path / "letter_us_house.txt").write_text(loop + "\n", "utf-8")
    result = run_cli(["templates", "check", str(tmp_path)], expect=1)
    assert "letter_us_house.txt:1: template ran longer than 0.2 s" in result.stdout
