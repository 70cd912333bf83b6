"""flask users create / users token."""

from tracker.auth.queries import user_by_email


def test_users_create_reads_password_from_stdin_and_token_works(app, client):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "--email", "Editor@Example.org", "--role", "editor",
                                 "--password-stdin"], input="a long enough password\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    user = user_by_email("editor@example.org")
    assert user.role == "editor" and user.password_hash.startswith("$argon2id$")

    token = runner.invoke(args=["users", "token", "editor@example.org"]).output.strip()
    assert token.startswith("pft_")
    assert client.get("/api/v1/incidents", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_users_create_refuses_bad_input_clearly(app):
    runner = app.test_cli_runner()
    short = runner.invoke(args=["users", "create", "--email", "a@b.org", "--role", "viewer", "--password-stdin"],
                          input="short\n")  # fmt: skip
    assert short.exit_code == 2 and "password" in short.output
    bad_role = runner.invoke(args=["users", "create", "--email", "a@b.org", "--role", "boss", "--password-stdin"],
                             input="a long enough password\n")  # fmt: skip
    assert bad_role.exit_code == 2 and "boss" in bad_role.output
    assert user_by_email("a@b.org") is None


def test_users_token_for_unknown_user_fails(app):
    result = app.test_cli_runner().invoke(args=["users", "token", "nobody@example.org"])
    assert result.exit_code == 1 and "nobody@example.org" in result.output


def test_demo_setup_prints_a_login_that_works(app, client, tmp_path, monkeypatch):
    """What `make run` prints on first start must let the user in."""
    import re

    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    result = app.test_cli_runner().invoke(args=["demo", "setup", "--incidents", "20"])
    assert result.exit_code == 0, result.output
    email, password = re.search(r"Demo admin: (\S+)\s+password: (\S+)", result.output).groups()
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/auth/login", data={"email": email, "password": password, "csrf_token": token})
    assert response.status_code == 302
    listing = client.get("/api/v1/incidents")
    assert listing.status_code == 200 and int(listing.headers["X-Total-Count"]) >= 20
    again = app.test_cli_runner().invoke(args=["demo", "setup", "--incidents", "20"])
    assert password in again.output  # printed on every start, nothing loaded twice
    assert client.get("/api/v1/incidents").headers["X-Total-Count"] == listing.headers["X-Total-Count"]


def test_rederive_stores_the_derived_columns_again(app):
    """After a gazetteer change the stored public columns are recomputed by the one function."""
    import sqlalchemy as sa

    from tests import factories
    from tracker.cases.models import Incident
    from tracker.extensions import db

    incident = factories.create_incident(admin1="مأرب", latitude=None, longitude=None, geo_precision=None)
    db.session.execute(sa.update(Incident).where(Incident.id == incident.id).values(search_text="stale"))
    db.session.flush()
    result = app.test_cli_runner().invoke(args=["incidents", "rederive", "--batch", "2"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    refreshed = db.session.get(Incident, incident.id)
    assert refreshed.search_text != "stale" and "مارب" in refreshed.search_text
    assert "changed" in result.output
