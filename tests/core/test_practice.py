"""Practice decisions, without a screen: where the teleprompter starts, the mock interview's
scopes, a question found again by its name, a prompt refreshed after a save, the marks."""

from __future__ import annotations

from pathlib import Path

from rehearse.core.history import record_now
from rehearse.core.identity import answered_questions
from rehearse.core.mock_plan import MockChoice, MockPlan, mock_scopes, plan_interview
from rehearse.core.notebook import open_notebook
from rehearse.core.practice import (
    find_question,
    prompt_for,
    refreshed_prompt,
    rehearsal_marks,
    spoken_text,
    teleprompter_set,
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
    tech, personal = notebook.root / "기술.md", notebook.root / "인성.md"

    chosen = teleprompter_set(notebook, None)
    # Categories are not read: only questions with something to say aloud.
    titles = [s.title for _, s in chosen.questions]
    assert titles == ["카프카란?", "레디스", "자기소개", "지원 동기"]
    assert chosen.start == 0

    assert teleprompter_set(notebook, SectionRef(tech, 3)).start == 1
    assert teleprompter_set(notebook, SectionRef(personal)).start == 2  # a file: its first
    assert teleprompter_set(notebook, SectionRef(personal, 1)).start == 2  # a category too


def test_the_teleprompter_walks_the_questions_in_the_trees_order(tmp_path: Path) -> None:
    """Folders first, then files, each by name: → follows the rows of the tree."""
    root = tmp_path / "면접"
    write_note(root, "가-네트워크.md", "## TCP란?\n연결형입니다.\n")
    write_note(root, "운영체제 고급/프로세스.md", "## 프로세스란?\n실행 중인 프로그램.\n")
    write_note(root, "Z 폴더/데드락.md", "## 데드락이란?\n교착 상태.\n")
    write_note(root, "b-인성.md", "## 자기소개\n안녕하세요.\n")
    chosen = teleprompter_set(open_notebook(root), None)
    titles = [s.title for _, s in chosen.questions]
    assert titles == ["데드락이란?", "프로세스란?", "자기소개", "TCP란?"]


CODE_AND_EMPTY = (
    "# 알고리즘\n"
    "## Binary Search\n"
    "### Code\n"
    "```python\nlo, hi = 0, len(a)\n```\n"
    "## 정렬\n"
    "```python\nsorted(a)\n```\n"
    "## 준비 중\n"
    "## 카카오에 지원한 이유\n"
    "%% same as below %%\n"
    "## 꼭 우리회사여야 하는 이유\n"
    "%% target: 90 %%\n"
    "성장할 수 있는 곳입니다.\n"
    "# 끝\n"
    "## 코드만\n"
    "```sql\nselect 1;\n```\n"
)


def test_a_selected_question_with_nothing_to_say_is_shown_with_the_reason(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "노트"
    path = write_note(folder, "알고리즘.md", CODE_AND_EMPTY)
    notebook = open_notebook(folder)
    note = notebook.get(path)
    assert note is not None and not isinstance(note, Path)
    titles = {s.title: s.index for s in note.questions}  # type: ignore[union-attr]

    code = teleprompter_set(notebook, SectionRef(path, titles["정렬"]))
    shown = [s.title for _, s in code.questions]
    assert shown == ["정렬", "카카오에 지원한 이유", "꼭 우리회사여야 하는 이유"]
    assert shown[code.start] == "정렬"
    prompt = prompt_for(*code.questions[code.start], "알고리즘.md")
    assert prompt.lines == () and prompt.silent == "nothing to say aloud here (code only)"

    empty = teleprompter_set(notebook, SectionRef(path, titles["준비 중"]))
    assert [s.title for _, s in empty.questions][empty.start] == "준비 중"
    assert prompt_for(*empty.questions[empty.start], "알고리즘.md").silent == "no answer yet"

    # On the file, the first question with something to say; past the last one, the last.
    on_file = teleprompter_set(notebook, SectionRef(path))
    assert [s.title for _, s in on_file.questions][on_file.start] == "카카오에 지원한 이유"
    last = teleprompter_set(notebook, SectionRef(path, titles["끝"]))
    assert [s.title for _, s in last.questions][last.start] == "꼭 우리회사여야 하는 이유"


def test_another_wording_reads_the_shared_answer_and_joins_its_history(tmp_path: Path) -> None:
    folder = tmp_path / "노트"
    path = write_note(folder, "알고리즘.md", CODE_AND_EMPTY)
    notebook = open_notebook(folder)
    note = notebook.get(path)
    assert note is not None
    section = note.find_by_heading_path(("알고리즘", "카카오에 지원한 이유"))  # type: ignore[union-attr]
    assert section is not None

    prompt = prompt_for(note, section, "알고리즘.md")  # type: ignore[arg-type]

    assert prompt.heading_path == ("알고리즘", "카카오에 지원한 이유")  # shown as asked
    assert prompt.lines == ("성장할 수 있는 곳입니다.",)
    assert prompt.question == QuestionId("알고리즘.md", ("알고리즘", "꼭 우리회사여야 하는 이유"))
    assert prompt.target_s == 90.0  # the shared answer's own target


def test_mock_scopes_are_narrowest_first(tmp_path: Path) -> None:
    notebook = open_notebook(notes(tmp_path))
    questions = answered_questions(notebook)
    tech = notebook.root / "기술.md"

    scopes = mock_scopes(notebook, questions, SectionRef(tech, 2))

    assert [(scope.kind, scope.label, len(scope.questions)) for scope in scopes] == [
        ("category", "Category: 기술", 2),
        ("file", "File: 기술.md", 2),
        ("all", "All notes", 4),
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
        MockPlan(mock_scopes(notebook, questions, None)[-1], MockChoice(order=Order.SCHEDULED)),
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
