"""The notes model tells every listener which notes changed, whoever changed them, and keeps
the search index current — also an index built in the background from an older snapshot."""

from __future__ import annotations

from pathlib import Path

from rehearse.core.conflicts import keep_mine
from rehearse.core.notebook import open_notebook
from rehearse.core.notes_model import NotesModel
from rehearse.core.search import SearchIndex
from rehearse.core.session import EditSession
from tests.conftest import write_note

KAFKA = "## 카프카란?\n분산 로그입니다.\n\n## 레디스\n인메모리 저장소입니다.\n"


def model_on(tmp_path: Path) -> tuple[NotesModel, Path, list[frozenset[Path]]]:
    folder = tmp_path / "노트"
    path = write_note(folder, "기술.md", KAFKA)
    write_note(folder, "인성.md", "## 자기소개\n안녕하세요.\n")
    model = NotesModel(EditSession(open_notebook(folder)))
    heard: list[frozenset[Path]] = []
    model.listen(heard.append)
    return model, path, heard


def titles(index: SearchIndex, query: str) -> list[str]:
    return [hit.doc.title for hit in index.search(query, 10)]


def test_a_save_is_heard_once_with_its_path(tmp_path: Path) -> None:
    model, path, heard = model_on(tmp_path)
    note = model.session.note(path)
    assert note is not None
    buffer = model.session.open_section(note, note.questions[0])
    model.session.edit(buffer, "## 카프카란?\n이벤트 스트리밍 플랫폼입니다.\n\n")

    model.session.save(buffer)

    assert heard == [frozenset([path])]
    assert titles(model.index, "스트리밍") == ["카프카란?"]  # found by its new answer


def test_another_programs_change_and_a_new_file_are_heard(tmp_path: Path) -> None:
    model, path, heard = model_on(tmp_path)
    path.write_text(KAFKA.replace("## 레디스", "## 레디스 캐시"), encoding="utf-8")
    added = write_note(path.parent, "새 노트.md", "## 쿠버네티스 파드\n가장 작은 배포 단위\n")

    model.session.reload([path], rescan=True)

    assert set().union(*heard) == {path, added}
    assert "쿠버네티스 파드" in titles(model.index, "쿠버네티스")
    assert "레디스 캐시" in titles(model.index, "레디스 캐시")


def test_a_deleted_note_is_heard_and_leaves_the_index(tmp_path: Path) -> None:
    model, path, heard = model_on(tmp_path)
    assert "레디스" in titles(model.index, "레디스")
    path.unlink()

    model.session.reload([path])

    assert heard == [frozenset([path])]
    assert titles(model.index, "레디스") == []


def test_keep_mine_is_heard_too(tmp_path: Path) -> None:
    model, path, heard = model_on(tmp_path)
    note = model.session.note(path)
    assert note is not None
    buffer = model.session.open_section(note, note.questions[0])
    model.session.edit(buffer, "## 카프카란?\n내 답변\n\n")
    path.write_text(KAFKA.replace("분산 로그입니다.", "그쪽 답변"), encoding="utf-8")
    model.session.reload([path])
    heard.clear()

    keep_mine(model.session, buffer)

    assert set().union(*heard) == {path}


def test_an_index_built_from_an_older_snapshot_replays_what_changed_since(
    tmp_path: Path,
) -> None:
    model, path, _ = model_on(tmp_path)
    snapshot = model.index_snapshot()  # the background build starts from here
    note = model.session.note(path)
    assert note is not None
    buffer = model.session.open_section(note, note.questions[1])
    model.session.edit(buffer, "## 레디스 클러스터\n샤딩합니다.\n")
    model.session.save(buffer)  # lands before the built index is adopted

    model.adopt_index(SearchIndex.from_notebook(snapshot))

    assert "레디스 클러스터" in titles(model.index, "클러스터")
    assert titles(model.index, "레디스") == ["레디스 클러스터"]
