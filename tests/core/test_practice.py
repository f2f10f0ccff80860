"""Practice decisions, without a screen: where the teleprompter starts, the mock interview's
scopes, a question found again by its name, a prompt refreshed after a save, the marks."""

from __future__ import annotations

from pathlib import Path

from rehearse.core.history import record_now
from rehearse.core.identity import answered_questions
from rehearse.core.notebook import open_notebook
from rehearse.core.practice import (
    MockPlan,
    find_question,
    mock_scopes,
    plan_interview,
    prompt_for,
    refreshed_prompt,
    rehearsal_marks,
    spoken_text,
    teleprompter_questions,
    teleprompter_start,
)
from rehearse.core.refs import QuestionId, SectionRef, breadcrumb, question_breadcrumb
from rehearse.core.schedule import Order
from tests.conftest import write_note

PERSONAL = "# 인성\n## 자기소개\n안녕하세요.\n## 지원 동기\n성장하고 싶습니다.\n"
TECH = "# 기술\n## 카프카란?\n분산 로그입니다.\n```java\nint x;\n```\n## 레디스\n캐시입니다.\n"


def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "노트"
    write_note(folder, "인성.md", PERSONAL)
    write_note(folder, "기술.md", TECH)
    return folder


def test_the_teleprompter_starts_at_the_selected_question(tmp_path: Path) -> None:
    notebook = open_notebook(notes(tmp_path))
    questions = teleprompter_questions(notebook)
    tech = notebook.root / "기술.md"
    assert [s.title for _, s in questions] == [
        "기술",
        "카프카란?",
        "레디스",
        "인성",
        "자기소개",
        "지원 동기",
    ]

    assert teleprompter_start(questions, None) == 0
    assert teleprompter_start(questions, SectionRef(tech, 3)) == 2
    assert teleprompter_start(questions, SectionRef(notebook.root / "인성.md")) == 3


def test_mock_scopes_are_narrowest_first(tmp_path: Path) -> None:
    notebook = open_notebook(notes(tmp_path))
    questions = answered_questions(notebook)
    tech = notebook.root / "기술.md"

    scopes = mock_scopes(notebook, questions, SectionRef(tech, 2))

    assert [(scope.label, len(scope.questions)) for scope in scopes] == [
        ("Category: 기술", 2),
        ("File: 기술.md", 2),
        ("All notes", 4),
    ]
    assert [scope.label for scope in mock_scopes(notebook, questions, None)] == ["All notes"]


def test_a_question_is_found_again_by_its_name(tmp_path: Path) -> None:
    notebook = open_notebook(notes(tmp_path))
    question = QuestionId("기술.md", ("기술", "카프카란?"))
    found = find_question(notebook, question)
    assert found == SectionRef(notebook.root / "기술.md", 2)
    assert (spoken_text(notebook, question) or "").strip() == "분산 로그입니다."  # no code
    assert find_question(notebook, QuestionId("기술.md", ("없는 질문",))) is None


def test_a_prompt_is_refreshed_from_the_notes_as_they_are_now(tmp_path: Path) -> None:
    folder = notes(tmp_path)
    notebook = open_notebook(folder)
    note = notebook.get(folder / "인성.md")
    assert note is not None
    prompt = prompt_for(note, note.sections[2], "인성.md")  # type: ignore[union-attr]
    (folder / "인성.md").write_text(PERSONAL.replace("안녕하세요.", "반갑습니다."), "utf-8")

    refreshed = refreshed_prompt(open_notebook(folder), prompt)

    assert refreshed is not None and refreshed.lines == ("반갑습니다.",)
    assert refreshed.heading_path == ("인성", "자기소개")


def test_marks_and_a_planned_interview_come_from_the_log(tmp_path: Path) -> None:
    notebook = open_notebook(notes(tmp_path))
    questions = answered_questions(notebook)
    record = record_now("기술.md", ("기술", "레디스"), "mock", 60, 30, True, grade=1)

    marks = rehearsal_marks(questions, [record], record.at + 86400 * 3)
    planned = plan_interview(
        MockPlan(mock_scopes(notebook, questions, None)[-1], Order.SCHEDULED),
        questions,
        [record],
        record.at + 86400 * 3,
    )

    assert marks.last_rehearsed == {QuestionId("기술.md", ("기술", "레디스")): record.at}
    assert QuestionId("기술.md", ("기술", "레디스")) in marks.due
    assert planned.questions[0].title == "레디스"  # due, and forgotten: asked first


def test_one_breadcrumb() -> None:
    assert breadcrumb("기술.md", "기술", "카프카란?") == "기술.md › 기술 › 카프카란?"
    question = QuestionId("기술.md", ("기술", "카프카란?"))
    assert question_breadcrumb(question, with_file=False) == "기술 › 카프카란?"
    assert question == ("기술.md", ("기술", "카프카란?"))  # still a plain tuple in the log
