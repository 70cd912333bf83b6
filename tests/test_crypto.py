"""Protected values at rest: TOTP secrets are stored encrypted (AES-GCM bound to row and column),
the key is outside the database, and keys rotate while old and new ones are both configured."""

import pyotp
import pytest
import sqlalchemy as sa

from tests import factories
from tracker.auth import operations as auth_ops
from tracker.core import crypto
from tracker.extensions import db

SYSTEM = factories.SYSTEM


@pytest.fixture
def keys(app, monkeypatch):
    """``keys(line, ...)`` configures exactly these keys (the first one encrypts)."""

    def configure(*lines):
        monkeypatch.setitem(app.config, "ENCRYPTION_KEYS", ",".join(lines))
        app.extensions.pop("keyring", None)

    yield configure
    app.extensions.pop("keyring", None)


def _raw(user_id: int) -> tuple:
    return db.session.execute(
        sa.text("SELECT totp_secret, totp_pending_secret FROM users WHERE id = :id"), {"id": user_id}
    ).one()


def _enrol(user) -> str:
    secret = auth_ops.pending_2fa_secret(user)
    auth_ops.enable_2fa(user, secret, pyotp.TOTP(secret).now(), SYSTEM)
    db.session.commit()
    return secret


def test_the_raw_table_holds_no_totp_secret_in_clear(keys):
    keys(crypto.new_key_line("a"))
    user = factories.create_user("editor")
    pending = auth_ops.pending_2fa_secret(user)
    db.session.commit()
    assert pending not in str(_raw(user.id)) and _raw(user.id)[1].startswith("enc1:a:")
    secret = _enrol(user)
    stored, stored_pending = _raw(user.id)
    assert secret not in stored and stored.startswith("enc1:a:") and stored_pending is None
    db.session.expire_all()
    assert db.session.get(type(user), user.id).totp_secret == secret


def test_a_sealed_value_does_not_open_in_another_row():
    first, second = factories.create_user("editor"), factories.create_user("editor")
    first.totp_secret = "JBSWY3DPEHPK3PXP"
    db.session.flush()
    second.sealed_totp_secret = first.sealed_totp_secret  # copied by someone with the database
    with pytest.raises(crypto.SealError):
        _ = second.totp_secret


def test_rotation_keeps_working_with_both_keys_then_with_the_new_one_only(app, keys):
    old, new = crypto.new_key_line("old"), crypto.new_key_line("new")
    keys(old)
    user = factories.create_user("editor")
    secret = _enrol(user)
    keys(new, old)  # the new key first: it encrypts, the old one still opens
    db.session.expire_all()
    assert db.session.get(type(user), user.id).totp_secret == secret
    result = app.test_cli_runner().invoke(args=["keys", "rotate"])
    assert result.exit_code == 0 and "1 values" in result.output, result.output
    assert _raw(user.id)[0].startswith("enc1:new:")
    keys(new)  # the old key is gone
    db.session.expire_all()
    assert db.session.get(type(user), user.id).totp_secret == secret
    keys(old)  # a value sealed with a key that is not configured does not open
    db.session.expire_all()
    with pytest.raises(crypto.SealError):
        _ = db.session.get(type(user), user.id).totp_secret


def test_legacy_clear_secrets_still_work_and_rotation_seals_them(app, keys):
    keys(crypto.new_key_line("k1"))
    user = factories.create_user("editor")
    db.session.execute(
        sa.text("UPDATE users SET totp_secret = 'JBSWY3DPEHPK3PXP' WHERE id = :id"), {"id": user.id}
    )
    db.session.expire_all()
    assert db.session.get(type(user), user.id).totp_secret == "JBSWY3DPEHPK3PXP"
    assert app.test_cli_runner().invoke(args=["keys", "rotate"]).exit_code == 0
    assert _raw(user.id)[0].startswith("enc1:k1:")


def test_a_new_key_line_is_usable():
    ring = crypto.KeyRing(crypto.parse_keys(crypto.new_key_line("x1")))
    sealed = ring.seal("سرّ", "t.c:1")
    assert ring.open(sealed, "t.c:1") == "سرّ" and "سرّ" not in sealed
    with pytest.raises(crypto.SealError):
        ring.open(sealed, "t.c:2")
