"""Headers, CSP, sessions and password hashing as deployed."""

from __future__ import annotations

from django.conf import settings
from django.test import Client


def test_pages_carry_a_csp_without_inline_scripts(db: None) -> None:
    response = Client().get("/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_page_template_holds_an_inline_script_or_style() -> None:
    import pathlib

    for path in pathlib.Path(settings.BASE_DIR, "bangfu").rglob("*.html"):
        text = path.read_text()
        assert "<script>" not in text and " style=" not in text and "<style" not in text, path


def test_passwords_are_hashed_with_argon2() -> None:
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_sessions_expire_when_idle_and_when_the_browser_closes() -> None:
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_forms_need_a_csrf_token(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post("/login/", {"username": "a", "password": "b"}).status_code == 403


def test_the_login_page_is_chinese_by_default(db: None) -> None:
    html = Client().get("/login/").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "登录" in html


def test_the_language_switch_turns_the_page_english(db: None) -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert "Log in" in client.get("/login/").content.decode()
