"""The web app through FastAPI's TestClient: briefs, uploads, limits, escaping, the folder, `serve`."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("multipart")
from fastapi.testclient import TestClient  # noqa: E402  (after the skip: the web extra is optional)
from typer.testing import CliRunner  # noqa: E402

from storyline.cli import app as cli_app  # noqa: E402
from storyline.web.app import Settings, create_app  # noqa: E402
from storyline.web.server import host_warning  # noqa: E402


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


@pytest.fixture(scope="module")
def seed_files(seeds_dir) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(seeds_dir.glob("*.txt"))]


def _multipart(files: list[tuple[str, bytes]]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, data, "application/octet-stream")) for name, data in files]


def _zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_healthz_reports_ok_and_version(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": "0.1.0"}


def test_index_page_is_self_contained_and_lists_rankers(client):
    from storyline import RANKERS

    page = client.get("/").text
    assert "<textarea" in page and 'type="file"' in page and "multiple" in page
    assert 'sandbox="allow-scripts"' in page
    assert all(f'value="{name}"' in page for name in RANKERS)
    assert "http://" not in page and "https://" not in page and "src=" not in page


def test_json_brief_of_the_seeds_validates(client, seed_files, brief_schema):
    articles = [{"id": Path(name).stem, "text": data.decode("utf-8")} for name, data in seed_files]
    response = client.post("/api/brief", json={"articles": articles, "words": 120, "ranker": "lexrank"})
    assert response.status_code == 200, response.text
    brief = response.json()
    jsonschema.validate(brief, brief_schema)
    assert {d["id"] for d in brief["documents"]} == {Path(name).stem for name, _ in seed_files}
    assert sum(len(item["text"].split()) for item in brief["summary"]) <= 120


def test_multipart_upload_of_the_seeds_validates(client, seed_files, brief_schema):
    response = client.post("/api/brief", files=_multipart(seed_files), data={"words": "80"})
    assert response.status_code == 200, response.text
    brief = response.json()
    jsonschema.validate(brief, brief_schema)
    assert len(brief["documents"]) == len(seed_files)


def test_zip_of_the_seeds_gives_the_same_documents(client, seed_files, brief_schema):
    archive = _zip({f"cluster/{name}": data for name, data in seed_files})
    response = client.post("/api/brief", files=_multipart([("seeds.zip", archive)]))
    assert response.status_code == 200, response.text
    brief = response.json()
    jsonschema.validate(brief, brief_schema)
    assert len(brief["documents"]) == len(seed_files)


def test_binary_and_cp1252_uploads_become_warnings_like_the_cli(client, seed_files):
    odd = [
        ("blob.txt", b"\x00\x01\x02binary" * 10),
        (
            "legacy.txt",
            "Caf\u00e9 cr\u00e8me, na\u00efve r\u00e9sum\u00e9 "
            "in the news today. The minister said the plan would go ahead.\n".encode("cp1252"),
        ),
        ("empty.txt", b"  \n"),
    ]
    response = client.post("/api/brief", files=_multipart(seed_files + odd))
    assert response.status_code == 200, response.text
    warnings = response.json()["warnings"]
    assert "skipped blob.txt: binary file" in warnings
    assert "legacy.txt: not UTF-8, decoded as cp1252" in warnings
    assert "skipped empty.txt: empty file" in warnings


def test_nothing_usable_is_a_400_with_one_line(client):
    response = client.post("/api/brief", files=_multipart([("blob.txt", b"\x00" * 100)]))
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith("no articles found in the upload") and "\n" not in detail
    assert "/tmp" not in detail


def test_empty_article_list_is_a_400(client):
    response = client.post("/api/brief", json={"articles": []})
    assert response.status_code == 400
    assert response.json()["detail"] == "no articles given: paste text or choose files"


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"articles": [{"id": "a", "text": "Some text."}], "ranker": "nosuchranker"}, "nosuchranker"),
        ({"articles": [{"id": "a", "text": "Some text."}], "words": 0}, "0"),
        ({"articles": [{"id": "a", "text": "Some text."}], "words": "many"}, "many"),
        ({"articles": [{"id": "a"}]}, "text"),
    ],
)
def test_bad_options_are_4xx_naming_the_value(client, body, needle):
    response = client.post("/api/brief", json=body)
    assert response.status_code in (400, 422)
    detail = response.json()["detail"]
    assert needle in detail and "\n" not in detail and "Traceback" not in detail


def test_unknown_ranker_in_a_form_names_it(client, seed_files):
    response = client.post("/api/brief", files=_multipart(seed_files[:1]), data={"ranker": "bogus-rank"})
    assert response.status_code == 422
    assert "bogus-rank" in response.json()["detail"]


def test_oversize_upload_is_413():
    small = TestClient(create_app(max_upload_bytes=10_000))
    response = small.post("/api/brief", files=_multipart([("big.txt", b"word " * 5_000)]))
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_too_many_files_is_413(seed_files):
    few = TestClient(create_app(max_files=3))
    assert few.post("/api/brief", files=_multipart(seed_files)).status_code == 413
    archive = _zip({f"{i}.txt": b"Some text." for i in range(5)})
    assert few.post("/api/brief", files=_multipart([("many.zip", archive)])).status_code == 413


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/evil.txt", "a/../../evil.txt"])
def test_zip_with_unsafe_path_is_refused(client, name, tmp_path):
    response = client.post("/api/brief", files=_multipart([("evil.zip", _zip({name: b"Evil text."}))]))
    assert response.status_code == 400
    assert "unsafe path" in response.json()["detail"]


def test_zip_bomb_is_refused_without_extracting(client, monkeypatch):
    bomb = _zip({"zeros.txt": bytes(30_000_000)})
    assert len(bomb) < 100_000

    def no_extract(*args, **kwargs):
        raise AssertionError("a member was extracted")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_extract)
    response = client.post("/api/brief", files=_multipart([("bomb.zip", bomb)]))
    assert response.status_code == 413
    assert "zip" in response.json()["detail"]


def test_high_ratio_member_under_the_size_limit_is_refused(monkeypatch):
    roomy = TestClient(create_app(max_upload_bytes=50_000_000))
    bomb = _zip({"z.txt": bytes(30_000_000)})
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("a member was extracted"))
    response = roomy.post("/api/brief", files=_multipart([("bomb.zip", bomb)]))
    assert response.status_code == 413
    assert "compresses over 100x" in response.json()["detail"]


def test_script_in_an_article_comes_back_escaped_in_html(client):
    text = "The council met on Monday. <script>alert('x')</script> The vote passed by nine to two."
    response = client.post("/api/brief.html", json={"articles": [{"id": "a", "text": text}]})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in response.text


def test_folder_endpoint_reads_only_its_folder(tmp_path, seeds_dir, seed_files, brief_schema):
    folder = tmp_path / "cluster"
    folder.mkdir()
    for name, data in seed_files[:3]:
        (folder / name).write_bytes(data)
    outside = tmp_path / "secret.txt"
    outside.write_text("The secret plan was revealed to nobody at all.", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    folder_client = TestClient(create_app(folder=folder))
    response = folder_client.get("/api/folder", params={"words": 60})
    assert response.status_code == 200, response.text
    brief = response.json()
    jsonschema.validate(brief, brief_schema)
    assert {d["id"] for d in brief["documents"]} == {Path(name).stem for name, _ in seed_files[:3]}
    assert "skipped link.txt: a link to outside the folder" in brief["warnings"]
    assert "secret" not in json.dumps(brief)


def test_folder_endpoint_is_404_without_a_folder(client):
    response = client.get("/api/folder")
    assert response.status_code == 404 and "without a folder" in response.json()["detail"]


def test_internal_errors_are_one_line_500s(monkeypatch):
    import storyline

    def broken(*args, **kwargs):
        raise RuntimeError("boom\nwith a second line")

    monkeypatch.setattr(storyline, "build_brief", broken)
    quiet = TestClient(create_app(settings=Settings(workers=0)), raise_server_exceptions=False)
    response = quiet.post("/api/brief", json={"articles": [{"id": "a", "text": "Some text here."}]})
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error: RuntimeError"}


@pytest.mark.parametrize(("host", "warns"), [("127.0.0.1", False), ("localhost", False), ("0.0.0.0", True)])
def test_host_warning_only_off_loopback(host, warns):
    warning = host_warning(host)
    assert (warning is not None) == warns
    if warns:
        assert warning == f"serving on {host}: anyone who can reach it can read the articles"


def test_serve_command_warns_on_a_public_host(monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append(kwargs))
    result = CliRunner().invoke(cli_app, ["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "serving on 0.0.0.0: anyone who can reach it can read the articles" in result.stderr
    assert calls == [
        {"host": "0.0.0.0", "port": 8123, "log_level": "info", "timeout_keep_alive": 5, "limit_concurrency": 256}
    ]


def test_zip_with_a_link_is_refused(client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("passwd.txt")
        link.external_attr = (0o120777 << 16) | 0x20  # S_IFLNK: a symbolic link
        archive.writestr(link, "/etc/passwd")
    response = client.post("/api/brief", files=_multipart([("links.zip", buffer.getvalue())]))
    assert response.status_code == 400
    assert "not a regular file" in response.json()["detail"]


def test_upload_names_cannot_leave_the_temporary_folder(client, seed_files):
    name, data = seed_files[0]
    response = client.post("/api/brief", files=_multipart([(f"../../{name}", data), ("..", data)]))
    assert response.status_code == 200, response.text
    assert Path(name).stem in {d["id"] for d in response.json()["documents"]}


def test_request_without_length_over_the_limit_is_413():
    small = TestClient(create_app(max_upload_bytes=1_000))

    def chunks():
        for _ in range(10):
            yield b"x" * 500

    response = small.post("/api/brief", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
