"""`rehearse export`: an Anki deck read back from its SQLite collection, and JSON."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from rehearse.cli import main
from rehearse.core.answer_html import answer_html
from rehearse.core.export import note_guid
from tests.conftest import write_note

TECH = (
    '---\ntags: [백엔드, "#면접"]\n---\n'
    "# 기술\n"
    "## 카프카란 무엇인가요?\n"
    "분산 **커밋 로그**입니다.\n%% 꼬리 질문 대비: 파티션 %%\n\n"
    "- 토픽\n- 파티션\n\n"
    "| 구분 | 설명 |\n| --- | --- |\n| 브로커 | 서버 |\n\n"
    "```java\nList<String> topics;\n```\n"
    "### 구현\n```java\nproducer.send(record);\n```\n"  # code only: nothing to say
    "### 참고 자료\n- [문서](https://kafka.apache.org)\n"  # boilerplate
    "## 레디스\n인메모리 저장소입니다.\n"
)
PERSONAL = (
    "## 카카오에 지원한 이유\n%% same as below %%\n"
    "## 꼭 우리회사여야 하는 이유\n기술 문화가 좋아서입니다.\n"
)


def make(folder: Path) -> Path:
    write_note(folder, "기술/백엔드 면접.md", TECH)
    write_note(folder, "인성.md", PERSONAL)
    return folder


def read_deck(path: Path, tmp_path: Path) -> list[tuple[str, str, list[str]]]:
    """(guid, tags, fields) of every note in the deck's collection."""
    with zipfile.ZipFile(path) as archive:
        assert set(archive.namelist()) == {"collection.anki2", "media"}
        archive.extract("collection.anki2", tmp_path / "unpacked")
    connection = sqlite3.connect(tmp_path / "unpacked" / "collection.anki2")
    try:
        rows = connection.execute("SELECT guid, tags, flds FROM notes ORDER BY sfld").fetchall()
        decks = connection.execute("SELECT decks FROM col").fetchone()[0]
    finally:
        connection.close()
    assert "면접 노트" in [deck["name"] for deck in json.loads(decks).values()]
    return [(guid, tags, fields.split("\x1f")) for guid, tags, fields in rows]


def export(notes: Path, deck: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", "--anki", str(deck), "--deck", "면접 노트", str(notes)]) == 0
    return capsys.readouterr().err


def test_one_card_per_answered_question(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes, deck = make(tmp_path / "notes"), tmp_path / "면접.apkg"
    assert export(notes, deck, capsys) == f"3 cards in deck '면접 노트': {deck}\n"
    cards = read_deck(deck, tmp_path)
    assert [fields[0] for _, _, fields in cards] == [
        '꼭 우리회사여야 하는 이유<div class="also">also asked as: 카카오에 지원한 이유</div>',
        "레디스",
        "카프카란 무엇인가요?",
    ]
    _, tags, (_, breadcrumb, answer, source) = cards[2]
    assert set(tags.split()) == {"기술::백엔드_면접", "기술", "백엔드", "면접"}
    assert breadcrumb == "기술/백엔드 면접 › 기술"
    assert source == "기술/백엔드 면접.md:5"
    assert answer.startswith("<p>분산 <strong>커밋 로그</strong>입니다.</p>")
    assert "<li>파티션</li>" in answer and "<td>브로커</td>" in answer
    assert "List&lt;String&gt; topics;" in answer  # code kept, escaped
    assert "꼬리 질문" not in answer  # comments dropped
    assert "producer.send" not in answer  # a sub-heading is a card of its own, or none


def test_exporting_again_after_an_edit_updates_the_same_cards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = make(tmp_path / "notes")
    export(notes, tmp_path / "첫.apkg", capsys)
    first = {fields[0]: guid for guid, _, fields in read_deck(tmp_path / "첫.apkg", tmp_path)}
    write_note(
        notes, "인성.md", PERSONAL.replace("좋아서입니다.", "좋고, 배울 사람이 많아서입니다.")
    )
    write_note(notes, "기술/백엔드 면접.md", TECH.replace("인메모리", "빠른 인메모리"))
    export(notes, tmp_path / "둘.apkg", capsys)
    second = read_deck(tmp_path / "둘.apkg", tmp_path / "다시")
    assert {fields[0]: guid for guid, _, fields in second} == first
    assert "배울 사람이 많아서" in second[0][2][2]
    assert len(set(first.values())) == 3


def test_the_same_heading_path_twice_gets_two_cards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(tmp_path / "notes", "a.md", "## 자기소개\n첫 번째\n## 자기소개\n두 번째\n")
    export(tmp_path / "notes", tmp_path / "d.apkg", capsys)
    assert len({guid for guid, _, _ in read_deck(tmp_path / "d.apkg", tmp_path)}) == 2


def test_a_deck_must_be_an_apkg_and_writable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = make(tmp_path / "notes")
    note = notes / "인성.md"
    before = note.read_bytes()
    with pytest.raises(SystemExit, match="2"):
        main(["export", "--anki", str(note), str(notes)])
    assert "must end in .apkg" in capsys.readouterr().err
    assert note.read_bytes() == before
    with pytest.raises(SystemExit, match="2"):
        main(["export", "--anki", str(tmp_path / "없는 폴더" / "d.apkg"), str(notes)])
    err = capsys.readouterr().err
    assert "no such folder for the deck" in err and "Traceback" not in err
    assert not list(tmp_path.glob("*.apkg")) and not list(tmp_path.glob(".rehearse-*"))


def test_export_json_lists_every_question_with_its_spoken_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = make(tmp_path / "notes")
    assert main(["export", "--json", str(notes)]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["title"], r["kind"], r["spoken"][:6]) for r in records] == [
        ("카프카란 무엇인가요?", "answer", "분산 커밋 "),  # the tree's order: folders first
        ("구현", "code-only", ""),
        ("레디스", "answer", "인메모리 저"),
        ("카카오에 지원한 이유", "same-as-below", "기술 문화가"),
        ("꼭 우리회사여야 하는 이유", "answer", "기술 문화가"),
    ]
    kafka = records[0]
    assert kafka["file"] == "기술/백엔드 면접.md" and kafka["path"] == ["기술"]
    assert "List" not in kafka["spoken"] and "꼬리" not in kafka["spoken"]


def test_several_paths_make_one_deck(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_note(tmp_path / "a", "인성.md", PERSONAL)
    write_note(tmp_path / "b", "기술.md", "## 레디스\n인메모리\n")
    deck = tmp_path / "d.apkg"
    assert main(["export", "--anki", str(deck), str(tmp_path / "a"), str(tmp_path / "b")]) == 0
    assert "2 cards in deck 'a'" in capsys.readouterr().err


def test_answer_html_drops_raw_html_but_keeps_line_breaks() -> None:
    html = answer_html(
        "첫 줄<br>둘째 줄\n\n<br>\n\n<div>상자</div>\n\n![구조도](a.png) [[노트|별칭]]\n"
    )
    assert html == "<p>첫 줄<br>둘째 줄</p>\n<p>구조도 별칭</p>"


def test_card_ids_are_fixed_by_the_question_alone() -> None:
    # Pinned: a change here would duplicate every card a user has already imported.
    assert note_guid("a.md", ("자기소개",)) == "qNuPnxzeKdyWc0Fm"
    assert note_guid("a.md", ("자기소개",), 1) != note_guid("a.md", ("자기소개",))
    assert note_guid("a.md", ("기술", "자기소개")) != note_guid("a.md", ("기술 자기소개",))


def test_arguments_are_checked_before_any_note_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(tmp_path / "notes", "깨진.md", b"\xff\xfe\x00\x00bad")
    with pytest.raises(SystemExit):
        main(["export", "--anki", str(tmp_path / "deck.zip"), str(tmp_path / "notes")])
    err = capsys.readouterr().err
    assert "must end in .apkg" in err and "unreadable" not in err


def test_no_card_to_export_writes_no_deck_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(tmp_path / "notes", "빈.md", "## 아직 답이 없는 질문\n")
    deck = tmp_path / "d.apkg"
    assert main(["export", "--anki", str(deck), str(tmp_path / "notes")]) == 1
    assert "no answered question to export" in capsys.readouterr().err
    assert not deck.exists()


def test_card_fronts_show_shortcodes_as_emoji(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_note(
        tmp_path / "notes",
        "네트워크.md",
        "## :bulb: TCP 3 way handshake :large_orange_diamond:\n연결을 맺는 세 단계입니다.\n"
        "## :없는_이름: 그대로\n모르는 코드는 쓴 그대로 둡니다.\n",
    )
    export(tmp_path / "notes", tmp_path / "d.apkg", capsys)
    fronts = {fields[0] for _, _, fields in read_deck(tmp_path / "d.apkg", tmp_path)}
    assert fronts == {"💡 TCP 3 way handshake 🔶", ":없는_이름: 그대로"}
