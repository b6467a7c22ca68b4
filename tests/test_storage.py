"""journeylab.storage: a file is replaced whole or not at all, and no temporary file is left behind."""

import os

import pytest

from journeylab.storage import atomic_file, atomic_write


def test_atomic_write_writes_the_text_and_returns_the_path(tmp_path):
    path = atomic_write(tmp_path / "notes.txt", "Ærø Cykler\nline two\n")
    assert path == tmp_path / "notes.txt"
    assert path.read_text(encoding="utf-8") == "Ærø Cykler\nline two\n"
    assert [item.name for item in tmp_path.iterdir()] == ["notes.txt"], "no temporary file is left behind"


def test_atomic_write_replaces_an_existing_file_and_makes_missing_folders(tmp_path):
    path = tmp_path / "exports" / "2024" / "plan.md"
    atomic_write(path, "old plan")
    atomic_write(path, "new plan")
    assert path.read_text(encoding="utf-8") == "new plan"
    assert [item.name for item in path.parent.iterdir()] == ["plan.md"]


def test_an_error_while_writing_keeps_the_old_content_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "journey.json"
    path.write_text('{"name": "Nordlys Home"}', encoding="utf-8")
    with pytest.raises(RuntimeError, match="crash"), atomic_file(path) as file:
        file.write('{"name": "half writ')
        raise RuntimeError("crash in the middle of writing")
    assert path.read_text(encoding="utf-8") == '{"name": "Nordlys Home"}'
    assert [item.name for item in tmp_path.iterdir()] == ["journey.json"]


def test_an_error_before_the_first_save_leaves_no_file_at_all(tmp_path):
    with pytest.raises(KeyboardInterrupt), atomic_file(tmp_path / "new.txt") as file:
        file.write("never finished")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_atomic_file_in_binary_mode_writes_the_bytes_as_given(tmp_path):
    with atomic_file(tmp_path / "picture.png", binary=True) as file:
        file.write(b"\x89PNG\r\n\x1a\n")
    assert (tmp_path / "picture.png").read_bytes() == b"\x89PNG\r\n\x1a\n"


def test_the_file_gets_the_users_usual_permissions_not_those_of_a_temporary_file(tmp_path):
    umask = os.umask(0o027)
    try:
        path = atomic_write(tmp_path / "shared.txt", "for the team")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("data", ["{\"a\": \"Ærø\"}".encode("latin-1"), "{}".encode("utf-16"), b"\x89PNG\r\n\x1a\n\xff\xfe"])
def test_a_file_not_saved_as_utf8_is_a_named_error(tmp_path, data):
    from journeylab.errors import FileFormatError
    from journeylab.storage import read_text

    (tmp_path / "journey.json").write_bytes(data)
    with pytest.raises(FileFormatError, match=r"journey\.json: is not a text file saved as UTF-8"):
        read_text(tmp_path / "journey.json")


def test_json_with_a_byte_order_mark_loads_like_a_csv_with_one(tmp_path):
    from journeylab.journey import Journey

    journey = Journey("Ærø Cykler")
    (tmp_path / "journey.json").write_bytes(b"\xef\xbb\xbf" + journey.to_json().encode("utf-8"))
    assert Journey.load(tmp_path / "journey.json") == journey


def test_a_save_clears_what_a_killed_save_left_behind_but_not_a_save_in_progress(tmp_path):
    import os
    import time

    from journeylab.storage import STALE_SECONDS, atomic_write

    old, fresh = tmp_path / ".plan.md.abc123.tmp", tmp_path / ".plan.md.def456.tmp"
    old.write_text("half", encoding="utf-8")
    fresh.write_text("running", encoding="utf-8")
    past = time.time() - STALE_SECONDS - 60
    os.utime(old, (past, past))
    atomic_write(tmp_path / "plan.md", "# Plan\n")
    assert not old.exists() and fresh.exists()


def test_saving_through_a_symlink_keeps_the_link(tmp_path):
    from journeylab.storage import atomic_write

    target = tmp_path / "shared" / "journey.json"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "journey.json"
    link.symlink_to(target)
    atomic_write(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"


def test_a_read_only_file_is_refused_and_left_as_it_is(tmp_path):
    from journeylab.storage import atomic_write

    locked = tmp_path / "final_plan.md"
    locked.write_text("approved", encoding="utf-8")
    locked.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only"):
        atomic_write(locked, "changed")
    assert locked.read_text(encoding="utf-8") == "approved"
    assert [path.name for path in tmp_path.iterdir()] == ["final_plan.md"]
