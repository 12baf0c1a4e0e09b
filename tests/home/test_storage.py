"""Atomic writes of generated documents (netra.storage)."""

import os

import pytest
from django.core.files.base import ContentFile

from netra.storage import AtomicFileSystemStorage


class Exploding(ContentFile):
    """Content whose second chunk never arrives: a worker killed mid-write."""

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.7 first half"
        raise RuntimeError("killed")


@pytest.fixture
def storage(tmp_path):
    return AtomicFileSystemStorage(location=tmp_path)


def test_saves_the_whole_file(storage, tmp_path):
    name = storage.save("pakta/2026/a.pdf", ContentFile(b"%PDF-1.7 complete"))
    assert name == "pakta/2026/a.pdf"
    assert (tmp_path / name).read_bytes() == b"%PDF-1.7 complete"
    assert oct(os.stat(tmp_path / name).st_mode & 0o777) == "0o644"


def test_a_crash_mid_write_leaves_nothing_behind(storage, tmp_path):
    with pytest.raises(RuntimeError):
        storage.save("pakta/2026/b.pdf", Exploding(b""))
    assert not storage.exists("pakta/2026/b.pdf")
    assert list((tmp_path / "pakta" / "2026").iterdir()) == []


def test_names_stay_unique_like_djangos_storage(storage):
    first = storage.save("x.pdf", ContentFile(b"1"))
    second = storage.save("x.pdf", ContentFile(b"2"))
    assert first != second and storage.open(first).read() == b"1"
