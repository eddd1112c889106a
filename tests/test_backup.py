"""Backup and restore (docs/backup.md): ``akuntabel backup`` archives a consistent copy of a
SQLite database with its uploads, ``akuntabel restore`` puts it back in a fresh place, with
every table's rows and every file's bytes as they were. Run as a user runs them, in a separate
process on real files (not the test database). The PostgreSQL commands of the docs are tested
when the suite runs on PostgreSQL."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection

from akuntabel.cli import DEMO_FILE

SRC = Path(__file__).resolve().parents[1] / "src"
BUKTI = b"Berita acara verifikasi TW I\n" + bytes(range(256)) * 40


def akuntabel(var: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DEBUG")}
    env.update(AKUNTABEL_VAR_DIR=str(var), PYTHONPATH=str(SRC))
    return subprocess.run([sys.executable, "-m", "akuntabel.cli", *argv], env=env,
                          capture_output=True, text=True, timeout=300)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def counts(db: Path) -> dict[str, int]:
    with closing(sqlite3.connect(db)) as con:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


ADD_BUKTI = """
from django.core.files.base import ContentFile
from akuntabel.results.models import BuktiDukung, Realisasi
r = Realisasi.objects.order_by("pk").first()
b = BuktiDukung(realisasi=r, nama="Berita acara")
b.berkas.save("berita-acara.bin", ContentFile(bytes.fromhex("{hex}")), save=True)
print(b.berkas.name)
"""


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A var folder with the demo data and one evidence file; the file's name in uploads/."""
    var = tmp_path_factory.mktemp("asal")
    ok(akuntabel(var, "manage", "migrate", "--verbosity", "0"))
    ok(akuntabel(var, "load", str(DEMO_FILE)))
    name = ok(akuntabel(var, "manage", "shell", "-c", ADD_BUKTI.format(hex=BUKTI.hex())))
    return var, name.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def archive(original: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cadangan") / "akuntabel.tar.gz"
    said = ok(akuntabel(original[0], "backup", str(out)))
    assert "1 berkas unggahan" in said
    return out


def test_a_restore_into_a_fresh_place_has_the_same_rows_and_files(original, archive, tmp_path):
    var, name = original
    said = ok(akuntabel(tmp_path, "restore", str(archive)))
    assert "Dipulihkan" in said
    before, after = counts(var / "akuntabel.sqlite3"), counts(tmp_path / "akuntabel.sqlite3")
    assert after == before
    assert before["results_realisasi"] > 0 and before["results_buktidukung"] == 1
    assert (tmp_path / "uploads" / name).read_bytes() == BUKTI
    assert sorted(p.relative_to(tmp_path / "uploads") for p in (tmp_path / "uploads").rglob("*")
                  ) == sorted(p.relative_to(var / "uploads") for p in (var / "uploads").rglob("*"))


def test_the_restored_installation_works(archive, tmp_path):
    ok(akuntabel(tmp_path, "restore", str(archive)))
    said = ok(akuntabel(tmp_path, "export", "--opd", "dinas-sosial", "--out", "-"))
    assert "Dinas Sosial" in said and "realisasi: 109" in said


def test_a_restore_over_existing_data_needs_ganti_and_keeps_the_old_data(archive, tmp_path):
    ok(akuntabel(tmp_path, "restore", str(archive)))
    refused = akuntabel(tmp_path, "restore", str(archive))
    assert refused.returncode == 2 and "--ganti" in refused.stderr
    said = ok(akuntabel(tmp_path, "restore", str(archive), "--ganti", "--ya"))
    assert "sebelum-pulih" in said
    assert len(list(tmp_path.glob("akuntabel.sqlite3.sebelum-pulih-*"))) == 1
    assert len(list(tmp_path.glob("uploads.sebelum-pulih-*"))) == 1


def _tampered(archive: Path, tmp_path: Path, name: str, data: bytes) -> Path:
    bad = tmp_path / "rusak.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(bad, "w:gz") as dst:
        for m in src.getmembers():
            dst.addfile(m, src.extractfile(m) if m.isfile() else None)
        info = tarfile.TarInfo(name)
        info.size = len(data)
        dst.addfile(info, io.BytesIO(data))
    return bad


@pytest.mark.parametrize("name", [
    pytest.param("../di-luar.txt", id="a path leaving the folder"),
    pytest.param("/etc/akuntabel.txt", id="an absolute path"),
    pytest.param("uploads/../../di-luar.txt", id="a path leaving uploads"),
    pytest.param("settings.py", id="a file that is no part of a backup"),
])
def test_an_archive_with_a_foreign_member_is_refused_and_nothing_restored(archive, tmp_path,
                                                                          name):
    target = tmp_path / "var"
    refused = akuntabel(target, "restore", str(_tampered(archive, tmp_path, name, b"x")))
    assert refused.returncode == 2 and "tidak ada yang dipulihkan" in refused.stderr
    assert not (target / "akuntabel.sqlite3").exists() and not (tmp_path / "di-luar.txt").exists()


def test_a_damaged_database_in_the_archive_is_refused(archive, tmp_path):
    bad = tmp_path / "rusak.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(bad, "w:gz") as dst:
        for m in src.getmembers():
            data = src.extractfile(m).read() if m.isfile() else None
            if m.name == "akuntabel.sqlite3":
                data = data[: len(data) // 2]
                m.size = len(data)
            dst.addfile(m, io.BytesIO(data) if data is not None else None)
    target = tmp_path / "var"
    refused = akuntabel(target, "restore", str(bad))
    assert refused.returncode == 2 and "tidak ada yang dipulihkan" in refused.stderr
    assert not (target / "akuntabel.sqlite3").exists()


def test_backup_on_postgresql_points_to_pg_dump(tmp_path):
    env_url = "postgres://akuntabel:x@127.0.0.1:1/akuntabel"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(AKUNTABEL_VAR_DIR=str(tmp_path), PYTHONPATH=str(SRC), DATABASE_URL=env_url,
               AKUNTABEL_ALLOW_DEV_KEY="1")
    result = subprocess.run([sys.executable, "-m", "akuntabel.cli", "backup",
                             str(tmp_path / "x.tar.gz")], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2 and "pg_dump" in result.stderr


@pytest.mark.django_db(transaction=True)  # committed, so that pg_dump sees the rows
@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="the PostgreSQL commands are tested on PostgreSQL only")
@pytest.mark.skipif(any(shutil.which(c) is None for c in ("pg_dump", "pg_restore", "psql")),
                    reason="the PostgreSQL client programs are not installed")
def test_the_documented_pg_dump_and_pg_restore_give_the_same_rows(tmp_path):
    """docs/backup.md: pg_dump --format=custom, then pg_restore into a new database."""
    from django.contrib.auth.models import User

    User.objects.create_user("cadangan-uji", password="kebun-mangga-di-tepi-sungai")
    s = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": s["PASSWORD"] or ""}
    base = ["-h", s["HOST"] or "localhost", "-p", str(s["PORT"] or 5432), "-U", s["USER"]]
    dump, copy = tmp_path / "akuntabel.dump", f"{s['NAME']}_pulih"
    subprocess.run(["pg_dump", *base, "--format=custom", "--file", str(dump), s["NAME"]],
                   env=env, check=True)
    subprocess.run(["dropdb", *base, "--if-exists", copy], env=env, check=True)
    subprocess.run(["createdb", *base, copy], env=env, check=True)
    try:
        subprocess.run(["pg_restore", *base, "--no-owner", "--dbname", copy, str(dump)],
                       env=env, check=True)
        query = ("SELECT table_name FROM information_schema.tables "
                 "WHERE table_schema = 'public' ORDER BY table_name")

        def rows(db: str) -> dict[str, int]:
            out = subprocess.run(["psql", *base, "-At", "-d", db, "-c", query], env=env,
                                 check=True, capture_output=True, text=True).stdout.split()
            return {t: int(subprocess.run(
                ["psql", *base, "-At", "-d", db, "-c", f'SELECT COUNT(*) FROM "{t}"'],
                env=env, check=True, capture_output=True, text=True).stdout) for t in out}

        assert rows(copy) == rows(s["NAME"])
    finally:
        subprocess.run(["dropdb", *base, "--if-exists", copy], env=env, check=True)
