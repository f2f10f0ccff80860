"""Which question a rehearsal record belongs to after the notes changed (Korean headings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rehearse.cli import main
from rehearse.core.history import Rehearsal, RehearsalLog
from rehearse.core.identity import Question, answer_digest, answered_questions, resolve
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import parse_note
from rehearse.core.refs import QuestionId
from rehearse.core.schedule import Schedule
from rehearse.core.tree_edits import move_question, rename_heading
from tests.conftest import write_note

FILE = "면접.md"
NOTE = (
    "# 인성\n## 자기소개\n안녕하세요, 백엔드 개발자 김민수입니다.\n"
    "## 지원 동기\n데이터 플랫폼을 만들고 싶습니다.\n"
    "# 기술\n## 카프카란 무엇인가요?\n분산 커밋 로그입니다.\n"
    "## 레디스란 무엇인가요?\n인메모리 저장소입니다.\n"
)
INTRO = ("인성", "자기소개")
KAFKA = ("기술", "카프카란 무엇인가요?")
AT = 1_780_000_000.0


def load(folder: Path) -> list[Question]:
    return answered_questions(open_notebook(folder))


def find(questions: list[Question], question: QuestionId) -> Question:
    return next(q for q in questions if q.id == question)


def digest_of(questions: list[Question], question: QuestionId) -> str:
    found = find(questions, question)
    return answer_digest(found.note, found.section)


def record(
    path: tuple[str, ...],
    at: float = AT,
    file: str = FILE,
    grade: int | None = 3,
    digest: str = "",
    was: tuple[QuestionId, ...] = (),
) -> Rehearsal:
    return Rehearsal(file, path, "mock", 60.0, 42.0, True, at, grade, digest, was)


def resolved_ids(
    records: list[Rehearsal], questions: list[Question]
) -> dict[QuestionId, QuestionId]:
    return {old: question.id for old, question in resolve(records, questions).items()}


def test_an_edited_answer_keeps_its_history(tmp_path: Path) -> None:
    write_note(tmp_path, FILE, NOTE)
    before = load(tmp_path)
    records = [record(INTRO, digest=digest_of(before, (FILE, INTRO)))]
    write_note(tmp_path, FILE, NOTE.replace("김민수입니다.", "김민수이고, 5년 차입니다."))
    after = load(tmp_path)
    assert digest_of(after, (FILE, INTRO)) != records[0].answer_digest
    resolved = resolve(records, after)
    assert resolved[(FILE, INTRO)] is find(after, (FILE, INTRO))
    assert Schedule(after, records).state((FILE, INTRO)).rehearsals == tuple(records)


def test_a_heading_moved_under_another_parent_is_found_by_its_title(tmp_path: Path) -> None:
    write_note(tmp_path, FILE, NOTE)
    records = [record(INTRO)]
    moved = "# 공통\n## 자기소개\n안녕하세요, 새로 고친 소개입니다.\n" + NOTE.replace(
        "## 자기소개\n안녕하세요, 백엔드 개발자 김민수입니다.\n", ""
    )
    write_note(tmp_path, FILE, moved)
    assert resolved_ids(records, load(tmp_path)) == {(FILE, INTRO): (FILE, ("공통", "자기소개"))}


def test_a_moved_title_with_two_candidates_is_not_guessed(tmp_path: Path) -> None:
    write_note(tmp_path, FILE, NOTE)
    records = [record(INTRO)]
    twice = (
        "# 공통\n## 자기소개\n첫 번째 소개입니다.\n# 임원\n## 자기소개\n두 번째 소개입니다.\n"
        + NOTE.replace("## 자기소개\n안녕하세요, 백엔드 개발자 김민수입니다.\n", "")
    )
    write_note(tmp_path, FILE, twice)
    questions = load(tmp_path)
    assert resolve(records, questions) == {}
    assert Schedule(questions, records).unmatched == 1


def test_a_renamed_heading_with_the_same_answer_is_found_by_its_digest(tmp_path: Path) -> None:
    write_note(tmp_path, FILE, NOTE)
    records = [record(KAFKA, digest=digest_of(load(tmp_path), (FILE, KAFKA)))]
    write_note(
        tmp_path, FILE, NOTE.replace("카프카란 무엇인가요?", "메시지 브로커를 설명해 주세요")
    )
    assert resolved_ids(records, load(tmp_path)) == {
        (FILE, KAFKA): (FILE, ("기술", "메시지 브로커를 설명해 주세요"))
    }


def test_without_a_digest_a_wholly_renamed_heading_is_lost(tmp_path: Path) -> None:
    write_note(tmp_path, FILE, NOTE)
    write_note(
        tmp_path, FILE, NOTE.replace("카프카란 무엇인가요?", "메시지 브로커를 설명해 주세요")
    )
    assert resolve([record(KAFKA)], load(tmp_path)) == {}


def test_a_reworded_heading_with_an_edited_answer_is_found_by_a_similar_title(
    tmp_path: Path,
) -> None:
    write_note(tmp_path, FILE, NOTE)
    records = [record(KAFKA, digest=digest_of(load(tmp_path), (FILE, KAFKA)))]
    reworded = NOTE.replace("카프카란 무엇인가요?", "카프카란 무엇인가요").replace(
        "분산 커밋 로그입니다.", "파티션으로 나뉜 분산 로그입니다."
    )
    write_note(tmp_path, FILE, reworded)
    assert resolved_ids(records, load(tmp_path)) == {
        (FILE, KAFKA): (FILE, ("기술", "카프카란 무엇인가요"))
    }


def test_a_similar_title_under_another_parent_is_not_taken(tmp_path: Path) -> None:
    write_note(tmp_path, FILE, NOTE)
    records = [record(KAFKA)]
    elsewhere = NOTE.replace("## 카프카란 무엇인가요?\n분산 커밋 로그입니다.\n", "") + (
        "# 인프라\n## 카프카란 무엇인가요??\n바뀐 답입니다.\n"
    )
    write_note(tmp_path, FILE, elsewhere)
    assert resolve(records, load(tmp_path)) == {}


def test_a_renamed_file_is_found_by_the_same_heading_path(tmp_path: Path) -> None:
    write_note(tmp_path, "옛 면접.md", NOTE)
    records = [record(INTRO, file="옛 면접.md")]
    (tmp_path / "옛 면접.md").rename(tmp_path / "새 면접.md")
    assert resolved_ids(records, load(tmp_path)) == {("옛 면접.md", INTRO): ("새 면접.md", INTRO)}


def test_a_renamed_file_with_the_path_in_two_other_files_is_not_guessed(tmp_path: Path) -> None:
    write_note(tmp_path, "옛 면접.md", NOTE)
    records = [record(INTRO, file="옛 면접.md")]
    (tmp_path / "옛 면접.md").unlink()
    write_note(tmp_path, "가.md", NOTE)
    write_note(tmp_path, "나.md", NOTE)
    questions = load(tmp_path)
    assert resolve(records, questions) == {}
    assert Schedule(questions, records).unmatched == 1


def test_was_links_carry_older_names_to_the_current_heading(tmp_path: Path) -> None:
    old = ("기술", "Kafka?")
    write_note(tmp_path, FILE, NOTE + "# 심화\n## Kafka?\n새로 쓴 다른 질문입니다.\n")  # not rule 3
    records = [
        record(old, AT),
        record(old, AT + 86400),
        record(KAFKA, AT + 2 * 86400, was=((FILE, old),)),
    ]
    questions = load(tmp_path)
    assert resolved_ids(records, questions) == {
        (FILE, old): (FILE, KAFKA),
        (FILE, KAFKA): (FILE, KAFKA),
    }
    state = Schedule(questions, records).state((FILE, KAFKA))
    assert len(state.rehearsals) == 3 and state.aliases == ((FILE, old),)


def test_a_chain_of_renames_follows_the_newest_name(tmp_path: Path) -> None:
    a, b, c = ("기술", "Kafka?"), ("기술", "Kafka란 무엇인가요?"), ("기술", "Kafka란 무엇인가요??")
    write_note(tmp_path, FILE, NOTE.replace("카프카란 무엇인가요?", "Kafka?"))
    digest_a = digest_of(load(tmp_path), (FILE, a))
    records = [record(a, AT, digest=digest_a), record(a, AT + 86400, digest=digest_a)]
    write_note(tmp_path, FILE, NOTE.replace("카프카란 무엇인가요?", "Kafka란 무엇인가요?"))
    digest_b = digest_of(load(tmp_path), (FILE, b))
    records.append(record(b, AT + 2 * 86400, digest=digest_b, was=((FILE, a),)))
    write_note(
        tmp_path,
        FILE,
        NOTE.replace("카프카란 무엇인가요?", "Kafka란 무엇인가요??").replace(
            "분산 커밋 로그입니다.", "토픽과 파티션으로 된 로그입니다."
        ),
    )
    questions = load(tmp_path)
    assert digest_of(questions, (FILE, c)) not in (digest_a, digest_b)
    assert resolved_ids(records, questions) == {(FILE, a): (FILE, c), (FILE, b): (FILE, c)}
    schedule = Schedule(questions, records)
    assert len(schedule.state((FILE, c)).rehearsals) == 3 and schedule.unmatched == 0


def test_a_chain_whose_oldest_name_is_also_similar_keeps_every_record(tmp_path: Path) -> None:
    a, b = ("기술", "Kafka란 무엇인가요?"), ("기술", "Kafka란 무엇인가요")
    c = ("기술", "Kafka란 무엇인가요??")
    records = [record(a, AT), record(b, AT + 86400, was=((FILE, a),))]
    write_note(tmp_path, FILE, NOTE.replace("카프카란 무엇인가요?", "Kafka란 무엇인가요??"))
    questions = load(tmp_path)
    assert resolved_ids(records, questions) == {(FILE, a): (FILE, c), (FILE, b): (FILE, c)}


def test_a_question_with_its_own_history_is_never_taken_over(tmp_path: Path) -> None:
    write_note(tmp_path, FILE, NOTE)
    before = load(tmp_path)
    gone = ("기술", "레디스란 무엇인가요?")
    records = [
        record(KAFKA, AT),
        record(gone, AT + 1, digest=digest_of(before, (FILE, gone))),
        record(("공통", "카프카란 무엇인가요?"), AT + 2),  # the same title, moved: not here
    ]
    # 레디스 is deleted and its answer pasted under 카프카, which keeps its own name and history.
    write_note(
        tmp_path,
        FILE,
        NOTE.replace("분산 커밋 로그입니다.", "인메모리 저장소입니다.").replace(
            "## 레디스란 무엇인가요?\n인메모리 저장소입니다.\n", ""
        ),
    )
    questions = load(tmp_path)
    assert resolved_ids(records, questions) == {(FILE, KAFKA): (FILE, KAFKA)}
    schedule = Schedule(questions, records)
    assert schedule.state((FILE, KAFKA)).rehearsals == (records[0],)
    assert schedule.unmatched == 2


def test_the_same_title_under_two_parents_keeps_two_histories(tmp_path: Path) -> None:
    write_note(
        tmp_path, FILE, "# 공통\n## 자기소개\n짧게 합니다.\n# 임원\n## 자기소개\n길게 합니다.\n"
    )
    common, board = ("공통", "자기소개"), ("임원", "자기소개")
    records = [record(common, AT), record(board, AT + 1), record(board, AT + 2)]
    schedule = Schedule(load(tmp_path), records)
    assert schedule.state((FILE, common)).rehearsals == (records[0],)
    assert schedule.state((FILE, board)).rehearsals == tuple(records[1:])


def test_records_of_a_deleted_question_are_unmatched(tmp_path: Path) -> None:
    write_note(tmp_path, FILE, NOTE)
    write_note(tmp_path, "남은 파일.md", "# 인성\n## 장단점\n꼼꼼합니다.\n")
    records = [
        record(("기술", "도커란?"), AT + day * 86400, file="지운 파일.md") for day in range(3)
    ]
    # Deleted from a file that still has questions: not the same path in another file.
    records.append(record(("인성", "지원 동기"), AT, file="남은 파일.md"))
    records.append(record(INTRO, AT))
    questions = load(tmp_path)
    schedule = Schedule(questions, records)
    assert schedule.unmatched == 4
    assert list(resolve(records, questions)) == [(FILE, INTRO)]
    assert schedule.state((FILE, INTRO)).rehearsals == (records[-1],)


def test_a_rehearsal_under_the_new_name_continues_the_old_names_history(tmp_path: Path) -> None:
    write_note(tmp_path, FILE, NOTE)
    before = load(tmp_path)
    digest = digest_of(before, (FILE, INTRO))
    graded = [record(INTRO, AT, digest=digest), record(INTRO, AT + 3 * 86400, digest=digest)]
    write_note(tmp_path, FILE, NOTE.replace("## 자기소개", "## 1분 자기소개"))
    renamed = ("인성", "1분 자기소개")
    read = Rehearsal(FILE, renamed, "teleprompter", 60.0, 50.0, True, AT + 4 * 86400)
    schedule = Schedule(load(tmp_path), [*graded, read])
    state = schedule.state((FILE, renamed))
    assert len(state.rehearsals) == 3 and schedule.unmatched == 0
    assert state.card is not None  # the grades still count: not "new" again


def test_a_history_running_alongside_is_never_merged(tmp_path: Path) -> None:
    write_note(tmp_path, FILE, NOTE)
    before = load(tmp_path)
    digest = digest_of(before, (FILE, INTRO))
    gone = ("인성", "예전 자기소개")  # rehearsed after 자기소개 had its own history
    records = [record(INTRO, AT), record(gone, AT + 60, digest=digest)]
    assert (FILE, gone) not in resolved_ids(records, before)


def test_a_rename_link_beats_a_same_title_elsewhere(tmp_path: Path) -> None:
    first = "# 인성\n## 지원 동기\n처음 쓴 답입니다.\n# 기타\n## 취미\n등산입니다.\n"
    write_note(tmp_path, FILE, first)
    old, middle = ("인성", "지원 동기"), ("인성", "지원 동기?")
    records = [
        record(old, AT),
        record(middle, AT + 100, was=((FILE, old),)),  # the app linked the rename
    ]
    # Renamed once more (answer edited), and a new 지원 동기 appears under 기타.
    write_note(
        tmp_path,
        FILE,
        "# 인성\n## 지원 동기??\n고쳐 쓴 답입니다.\n# 기타\n## 지원 동기\n전혀 다른 답.\n"
        "## 취미\n등산입니다.\n",
    )
    now = resolved_ids(records, load(tmp_path))
    assert now[(FILE, old)] == now[(FILE, middle)] == (FILE, ("인성", "지원 동기??"))


def test_a_question_already_matched_leaves_the_next_rule_a_unique_answer(
    tmp_path: Path,
) -> None:
    note = "# 공통\n## 자기소개\n첫 답.\n# 경험\n## 자기소개\n둘째 답.\n"
    write_note(tmp_path, FILE, note)
    questions = load(tmp_path)
    first_digest = digest_of(questions, (FILE, ("공통", "자기소개")))
    by_answer = record(("인성", "자기소개"), AT + 100, digest=first_digest)  # 공통 by answer
    by_title = record(("예전", "자기소개"), AT)  # no answer kept: by title, the one left
    assert resolved_ids([by_answer, by_title], questions) == {
        (FILE, ("인성", "자기소개")): (FILE, ("공통", "자기소개")),
        (FILE, ("예전", "자기소개")): (FILE, ("경험", "자기소개")),
    }


def _write_edit(path: Path, done_text: str) -> None:
    path.write_bytes(done_text.encode("utf-8"))


def test_a_question_moved_among_its_siblings_keeps_its_history(tmp_path: Path) -> None:
    note_path = write_note(tmp_path, FILE, NOTE)
    before = load(tmp_path)
    motive = ("인성", "지원 동기")
    records = [record(motive, digest=digest_of(before, (FILE, motive)))]
    note = open_notebook(tmp_path).readable[0]
    section = next(s for s in note.questions if s.title == "지원 동기")
    _write_edit(note_path, move_question(note, section, -1).text)  # above 자기소개 now
    after = load(tmp_path)
    assert [q.title for q in after][:2] == ["지원 동기", "자기소개"]
    moved = find(after, (FILE, ("인성", "지원 동기")))
    assert resolve(records, after) == {(FILE, ("인성", "지원 동기")): moved}
    assert Schedule(after, records).state(moved.id).rehearsals == tuple(records)


def test_a_moved_and_renamed_question_keeps_its_history(tmp_path: Path) -> None:
    note_path = write_note(tmp_path, FILE, NOTE)
    records = [record(KAFKA, digest=digest_of(load(tmp_path), (FILE, KAFKA)))]
    note = open_notebook(tmp_path).readable[0]
    kafka = next(s for s in note.questions if s.title == KAFKA[1])
    moved = move_question(note, kafka, 1)
    note = parse_note(note.path, moved.text.encode("utf-8"))
    _write_edit(note_path, rename_heading(note, note.sections[moved.section], "카프카?").text)
    assert resolved_ids(records, load(tmp_path)) == {(FILE, KAFKA): (FILE, ("기술", "카프카?"))}


def test_a_renamed_heading_in_a_renamed_file_is_found_by_its_answer(tmp_path: Path) -> None:
    write_note(tmp_path, "옛 면접.md", NOTE)
    digest = digest_of(load(tmp_path), ("옛 면접.md", KAFKA))
    records = [record(KAFKA, file="옛 면접.md", digest=digest)]
    # rehearse is closed: the heading is renamed, then the file.
    write_note(tmp_path, "옛 면접.md", NOTE.replace(KAFKA[1], "Kafka를 설명해 주세요"))
    (tmp_path / "옛 면접.md").rename(tmp_path / "새 면접.md")
    renamed = ("새 면접.md", ("기술", "Kafka를 설명해 주세요"))
    assert resolved_ids(records, load(tmp_path)) == {("옛 면접.md", KAFKA): renamed}


def test_the_same_answer_in_two_other_files_is_not_guessed(tmp_path: Path) -> None:
    write_note(tmp_path, "옛 면접.md", NOTE)
    digest = digest_of(load(tmp_path), ("옛 면접.md", KAFKA))
    records = [record(KAFKA, file="옛 면접.md", digest=digest)]
    (tmp_path / "옛 면접.md").unlink()
    renamed = NOTE.replace("카프카란 무엇인가요?", "Kafka를 설명해 주세요")
    write_note(tmp_path, "가.md", renamed)
    write_note(tmp_path, "나.md", renamed.replace("# 기술", "# 인프라"))
    assert resolve(records, load(tmp_path)) == {}


def test_an_answer_elsewhere_is_not_taken_while_the_old_file_has_questions(
    tmp_path: Path,
) -> None:
    write_note(tmp_path, FILE, NOTE)
    digest = digest_of(load(tmp_path), (FILE, KAFKA))
    records = [record(KAFKA, digest=digest)]
    write_note(tmp_path, FILE, NOTE.replace("## 카프카란 무엇인가요?\n분산 커밋 로그입니다.\n", ""))
    write_note(tmp_path, "복사본.md", "## 메시지 큐\n분산 커밋 로그입니다.\n")
    assert resolve(records, load(tmp_path)) == {}


def test_stats_keeps_the_history_of_a_renamed_heading_in_a_renamed_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(tmp_path, "옛 면접.md", NOTE)
    digest = digest_of(load(tmp_path), ("옛 면접.md", KAFKA))
    RehearsalLog.for_notes(tmp_path).append(record(KAFKA, file="옛 면접.md", digest=digest))
    write_note(tmp_path, "옛 면접.md", NOTE.replace(KAFKA[1], "Kafka를 설명해 주세요"))
    (tmp_path / "옛 면접.md").rename(tmp_path / "새 면접.md")
    assert main(["stats", str(tmp_path), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    never = [tuple(q["heading_path"]) for q in figures["never_rehearsed"]]
    assert ("기술", "Kafka를 설명해 주세요") not in never
    assert figures["per_category"]["새 면접.md › 기술"] == {"rehearsed": 1, "questions": 2}
