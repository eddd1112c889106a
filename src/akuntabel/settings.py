"""Akuntabel settings: one module, driven by the environment.

Environment variables:
- ``DATABASE_URL``: ``sqlite:///path/to/file.sqlite3`` (default: ``var/akuntabel.sqlite3`` in the
  working directory) or ``postgres://user:password@host:port/name`` (psycopg 3).
- ``SECRET_KEY``: required when ``DEBUG`` is off.
- ``DEBUG``: ``1`` to turn debugging on (off by default).
- ``ALLOWED_HOSTS``: comma-separated host names (default: localhost names).
- ``AKUNTABEL_VAR_DIR``: where the SQLite database, uploads and logs live (default ``var``).
- ``AKUNTABEL_LOG_FILE``: the log file (default ``akuntabel.log`` in the var folder); empty for
  the console only (e.g. the systemd journal).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
# pyHanko imports DSA types that cryptography marks deprecated; the warning printed on every
# command says nothing to a user (Akuntabel signs with RSA: reports/tanda_tangan.py).
warnings.filterwarnings("ignore", message="DSA is deprecated", module=r"pyhanko\.")
VAR_DIR = Path(os.environ.get("AKUNTABEL_VAR_DIR", Path.cwd() / "var")).resolve()

DEBUG = os.environ.get("DEBUG", "") in {"1", "true", "True", "yes"}
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and os.environ.get("AKUNTABEL_ALLOW_DEV_KEY") != "1":
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (SECRET_KEY wajib diatur bila DEBUG "
            "mati): set it in the environment to a long random value, e.g. the output of "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))', or set DEBUG=1 for "
            "local development only (DEBUG=1 hanya untuk pemakaian lokal).")
    SECRET_KEY = "akuntabel-development-only-key-never-use-in-production-0123456789"

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
    if h.strip()
]


def database_from_url(url: str) -> dict[str, object]:
    """Turn a ``DATABASE_URL`` into a Django ``DATABASES['default']`` entry."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        if url.startswith("sqlite:////"):
            name = path
        else:
            name = path.lstrip("/") or str(VAR_DIR / "akuntabel.sqlite3")
        # Kept open between requests as on PostgreSQL: a new SQLite connection re-reads the
        # schema and starts with a cold page cache (under load, a quarter of the server's
        # time per heavy page: bench/README.md).
        # Django's SQLite backend, reading a decimal wider than its field instead of failing.
        return {"ENGINE": "akuntabel.sqlite", "NAME": name, "CONN_MAX_AGE": 60}
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
        }
    raise ImproperlyConfigured(f"DATABASE_URL scheme {parsed.scheme!r} is not supported.")


DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'akuntabel.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # The optional second factor (accounts.dua_faktor): an authenticator app, recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "akuntabel.organizations",
    "akuntabel.accounts",
    "akuntabel.references",
    "akuntabel.plans",
    "akuntabel.results",
    "akuntabel.reporting",
    "akuntabel.budget",
    "akuntabel.reports",
    "akuntabel.audit",
    "akuntabel.reviews",
    "akuntabel.daerah",
    "akuntabel.evaluasi",
    "akuntabel.revisi",
    "akuntabel.api",
    "akuntabel.portal",  # the public portal and open data (issue 17)
    # django-ninja's templates and bundled Swagger UI: the API's documentation page is served
    # from here, nothing from a CDN (ninja renders its CDN page only when absent).
    "ninja",
    "akuntabel.web",
]

MIDDLEWARE = [
    "akuntabel.common.requestlog.RequestLogMiddleware",  # first: times and logs every request
    "django.middleware.security.SecurityMiddleware",
    "akuntabel.web.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "akuntabel.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the second factor
    "akuntabel.accounts.security_log.DenialLogMiddleware",  # 403/404 to a user, logged
    "django.contrib.messages.middleware.MessageMiddleware",
    "akuntabel.accounts.session_limits.SessionLimitMiddleware",
    "akuntabel.accounts.dua_faktor.DuaFaktorMiddleware",  # second factor required: enrol first
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "akuntabel.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
WSGI_APPLICATION = "akuntabel.wsgi.application"

# Password policy (docs/web.md): at least 12 characters, not like the user's name, not a common
# password or Indonesian word with or without numbers, not the name of the user's pemda or OPD.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "akuntabel.accounts.validators.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "akuntabel.accounts.validators.NamaTempatValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "uploads"  # outside the web root; served only through access checks
AKUNTABEL_BUKTI_MAX_BYTES = 5 * 1024 * 1024  # largest evidence file (bukti dukung) accepted

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

SESSION_COOKIE_HTTPONLY = True
# Sessions end AKUNTABEL_SESI_MAKS_MENIT after login and AKUNTABEL_SESI_DIAM_MENIT after the last
# request (accounts.session_limits), unless the user's pemda sets its own limits (within 5 minutes
# and 24 hours); the cookie itself never outlives the longest a pemda may choose.
AKUNTABEL_SESI_MAKS_MENIT = int(os.environ.get("AKUNTABEL_SESI_MAKS_MENIT", "480"))
AKUNTABEL_SESI_DIAM_MENIT = int(os.environ.get("AKUNTABEL_SESI_DIAM_MENIT", "480"))
AKUNTABEL_SESI_BATAS_MENIT = (5, 24 * 60)
SESSION_COOKIE_AGE = 24 * 3600
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No inline script or style anywhere (tests/web/test_headers.py): scripts and styles from our
# own static files, charts as data: images; no plugin, no frame, no form sent elsewhere.
AKUNTABEL_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
AKUNTABEL_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), "
    "browsing-topics=(), interest-cohort=()")
if not DEBUG and os.environ.get("AKUNTABEL_HTTPS", "1") == "1" and not os.environ.get(
    "AKUNTABEL_LOCAL"
):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logs (docs/web.md, "Logs"): one line per request and every error's traceback, each line with
# its request's id, to the console and to a file rotated at 10 MB (10 kept).
LOG_FILE = os.environ.get("AKUNTABEL_LOG_FILE", str(VAR_DIR / "akuntabel.log"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "akuntabel.common.requestlog.RequestIdFilter"}},
    "formatters": {"line": {
        "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line",
                    "filters": ["request_id"]},
        **({"file": {"class": "akuntabel.common.requestlog.LogFileHandler", "filename": LOG_FILE,
                     "maxBytes": 10 * 1024 * 1024, "backupCount": 10, "encoding": "utf-8",
                     "delay": True, "formatter": "line", "filters": ["request_id"]}}
           if LOG_FILE else {}),
    },
    "root": {"handlers": ["console", "file"] if LOG_FILE else ["console"], "level": "WARNING"},
    "loggers": {
        "akuntabel": {"level": "INFO"},
        "django": {"level": "WARNING"},
        # 4xx answers are in the request line already; errors (5xx) come with their traceback.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},  # the demo server's own lines repeat ours
        # pyHanko logs a traceback at WARNING for every self-signed certificate it validates
        # (the demo's); the verifier states its own result (reports/verifikasi.py).
        "pyhanko": {"level": "ERROR"},
        "pyhanko_certvalidator": {"level": "ERROR"},
    },
}

# Login throttling (accounts.throttle) needs a cache shared by the processes of one server:
# a folder in var/ is shared by every gunicorn worker on the machine and needs no other service.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                      "LOCATION": str(VAR_DIR / "cache")}}
# Login throttling per (name tried, address) pair, with a growing wait (accounts.throttle):
AKUNTABEL_LOGIN_MAX_GAGAL = 5  # failures of a pair before it waits …
AKUNTABEL_LOGIN_TUNDA_DETIK = 30  # … this long, doubling with each further failure …
AKUNTABEL_LOGIN_KUNCI_DETIK = 900  # … at most this long; failures are forgotten as long after
AKUNTABEL_LOGIN_MAX_GAGAL_ALAMAT = 50  # failures from one address, any name: then 1 free a pair
# The second factor (accounts.dua_faktor, docs/dua-faktor.md): the code asked after the password
# must come within this many seconds of it. Wrong codes are throttled by accounts.throttle (per
# name and address, and per account: waits of at most AKUNTABEL_LOGIN_KUNCI_DETIK), so
# django-otp's own per-device throttle, whose wait doubles without a limit, is turned off: it
# would let anyone who has the password lock the owner out for days.
AKUNTABEL_DUA_FAKTOR_TUNGGU_DETIK = 300
OTP_TOTP_ISSUER = "Akuntabel"
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the Django admin shows no device's key
# The reverse proxies in front (comma-separated addresses, e.g. 127.0.0.1): from them the client's
# address is read from X-Forwarded-For (docs/web.md, "Serving it"); otherwise REMOTE_ADDR.
AKUNTABEL_TRUSTED_PROXIES = [
    a.strip() for a in os.environ.get("AKUNTABEL_TRUSTED_PROXIES", "").split(",") if a.strip()]
AKUNTABEL_EXCEL_MAX_BYTES = 20 * 1024 * 1024  # the largest workbook accepted by upload
# What a workbook may unpack to, checked before parsing (reasons in adapters/xlsx/reader.py and
# docs/excel.md); a preview not applied within the minutes below is removed.
AKUNTABEL_EXCEL_MAX_UNCOMPRESSED = 50 * 1024 * 1024  # all parts together
AKUNTABEL_EXCEL_MAX_PART = 30 * 1024 * 1024  # one sheet or the shared strings
AKUNTABEL_EXCEL_MAX_ENTRIES = 1_000  # parts in the zip
AKUNTABEL_EXCEL_MAX_ROWS = 200_000
AKUNTABEL_EXCEL_MAX_COLUMNS = 200
AKUNTABEL_EXCEL_PREVIEW_MINUTES = 30
# Day of the month after a quarter on which its realisasi report is due (akuntabel.core.jadwal);
# 10 is Akuntabel's default, the pemda sets its own (Permendagri 86/2017 fixes no day).
AKUNTABEL_BATAS_LAPOR_HARI = int(os.environ.get("AKUNTABEL_BATAS_LAPOR_HARI", "10"))
# E-mail of the reporting calendar (reporting.notifikasi; docs/notifikasi.md). EMAIL_BACKEND
# "console" prints mails, "file" writes them under AKUNTABEL_VAR_DIR/mail (the demo's), "smtp"
# sends them through EMAIL_HOST; any dotted backend path also works.
_EMAIL_BACKENDS = {"console": "django.core.mail.backends.console.EmailBackend",
                   "file": "django.core.mail.backends.filebased.EmailBackend",
                   "smtp": "django.core.mail.backends.smtp.EmailBackend"}
EMAIL_BACKEND = _EMAIL_BACKENDS.get(os.environ.get("EMAIL_BACKEND", "console"),
                                    os.environ.get("EMAIL_BACKEND", "console"))
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") in {"1", "true", "True", "yes"}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "akuntabel@localhost")
# The address of the site, for the links in mails ("https://sakip.metrokota.go.id").
AKUNTABEL_SITE_URL = os.environ.get("AKUNTABEL_SITE_URL", "http://localhost:8000").rstrip("/")
# Reminders go out this many days before a deadline (core.jadwal.jenis_pemberitahuan).
AKUNTABEL_HARI_PENGINGAT = int(os.environ.get("AKUNTABEL_HARI_PENGINGAT", "7"))
# The pemdas' signing keys and certificates for final PDFs (reports.tanda_tangan,
# docs/tanda-tangan.md). A local install (the demo, the tests) makes a self-signed one for a
# pemda that has none when a final is made; elsewhere a final without a key is refused.
AKUNTABEL_KUNCI_DIR = Path(os.environ.get("AKUNTABEL_KUNCI_DIR", VAR_DIR / "kunci")).resolve()
AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = os.environ.get(
    "AKUNTABEL_KUNCI_SWATANDA_OTOMATIS", "1" if DEBUG or os.environ.get("AKUNTABEL_LOCAL") else "0"
) == "1"
# A time-stamping authority (RFC 3161; e.g. the national signing service's): when set, every
# final's signature carries its timestamp (PAdES B-T) and a final is refused while it does not
# answer. Empty: signed B-B, no network (docs/tanda-tangan.md).
AKUNTABEL_TSA_URL = os.environ.get("AKUNTABEL_TSA_URL", "").strip()
