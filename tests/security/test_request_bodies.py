"""Request bodies are capped before they are read: a huge upload costs its sender, never the server's disk."""

import socket
import time

import pytest
from django.conf import settings

from tests.servers import Server, require_shared_services

BOUNDARY = "----balkanboundary"
SIXTY_MB = 60 * 1024 * 1024


def test_the_default_cap_fits_the_largest_upload_an_editor_may_make():
    assert settings.MAX_REQUEST_BODY_BYTES > settings.IMAGE_UPLOAD_MAX_BYTES
    assert settings.MAX_REQUEST_BODY_BYTES < SIXTY_MB


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/login/", "/i18n/setlang/", "/news/", "/admin/news/newsitem/add/"])
def test_a_body_declared_too_large_is_refused_with_413_before_it_is_read(client, admin_client, path):
    for asker in (client, admin_client):
        response = asker.post(
            path,
            data=b"x" * 10,
            content_type=f"multipart/form-data; boundary={BOUNDARY}",
            CONTENT_LENGTH=str(SIXTY_MB),
        )
        assert response.status_code == 413
        assert "Request body too large" in response.content.decode()


@pytest.mark.django_db
def test_a_length_that_is_not_a_number_is_a_400(client):
    response = client.post(
        "/i18n/setlang/",
        data=b"language=ja",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH="lots",
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_body_under_the_cap_is_read_as_usual(client):
    response = client.post("/i18n/setlang/", {"language": "ja", "next": "/news/"})
    assert response.status_code == 302
    assert response["Location"] == "/ja/news/"


def send_multipart_head(port, path, length):
    """Open a POST of `length` bytes of multipart to `path`, send its headers and its first megabyte."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(
        (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {length}\r\n\r\n"
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
    )
    sock.sendall(b"\0" * (1024 * 1024))
    return sock


def read_status(sock):
    received = b""
    while b"\r\n" not in received:
        chunk = sock.recv(4096)
        if not chunk:
            break
        received += chunk
    return received.split(b"\r\n", 1)[0].decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_60_mb_multipart_post_to_gunicorn_is_refused_before_it_is_stored(tmp_path):
    """Through `make run`'s gunicorn: the 413 comes after one megabyte; no upload lands in the temporary folder."""
    require_shared_services()
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    server = Server(tmp_path, "bodies", make_serve=True, TMPDIR=str(uploads))
    try:
        for path in ["/admin/login/", "/i18n/setlang/"]:
            started = time.monotonic()
            sock = send_multipart_head(server.port, path, SIXTY_MB)
            try:
                status = read_status(sock)
            finally:
                sock.close()
            elapsed = time.monotonic() - started
            assert status == "HTTP/1.1 413 Request Entity Too Large", path
            assert elapsed < 5, path
            # The server still answers, and nothing of the body was written down.
            assert server.get("/healthz")[0] == 200
    finally:
        server.stop()
    assert list(uploads.iterdir()) == []
